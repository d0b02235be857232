// AVX2 kernels of the loss and the optimizer (see include/EngineKernels.h); Swift twins in
// Engine/LayerKernels+Loss.swift.
#include "EngineKernels.h"
#include "vector_common.h"

#if defined(__x86_64__)
#include <math.h>

EK_AVX2 void ek_adamw_f32(
    float *p, const float *g, float *m, float *v, long count, float beta1, float beta2, float decay,
    float step_size, float correction2_root, float epsilon) {
    const __m256 b1 = _mm256_set1_ps(beta1), b2 = _mm256_set1_ps(beta2);
    const __m256 c1 = _mm256_set1_ps(1 - beta1), c2 = _mm256_set1_ps(1 - beta2);
    const __m256 d = _mm256_set1_ps(decay), lr = _mm256_set1_ps(step_size);
    const __m256 root = _mm256_set1_ps(correction2_root), eps = _mm256_set1_ps(epsilon);
    for (long i = 0; i < count; i += 8) {
        long n = count - i;
        __m256 gradient = ek_load(g + i, n);
        __m256 m1 = _mm256_add_ps(_mm256_mul_ps(b1, ek_load(m + i, n)), _mm256_mul_ps(c1, gradient));
        __m256 v1 = _mm256_add_ps(
            _mm256_mul_ps(b2, ek_load(v + i, n)), _mm256_mul_ps(_mm256_mul_ps(c2, gradient), gradient));
        __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(v1), root), eps);
        __m256 p1 = _mm256_sub_ps(
            _mm256_mul_ps(ek_load(p + i, n), d), _mm256_div_ps(_mm256_mul_ps(lr, m1), denominator));
        ek_store(m + i, m1, n);
        ek_store(v + i, v1, n);
        ek_store(p + i, p1, n);
    }
}

/// Σ of the first n lanes of v, in double.
EK_AVX2 static inline __m256d ek_widen_sum(__m256d sum, __m256 v) {
    sum = _mm256_add_pd(sum, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
    return _mm256_add_pd(sum, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
}

EK_AVX2 double ek_cross_entropy_f32(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct) {
    double total = 0, label_shifted = 0, product = 1;
    const double inverse_rows = 1.0 / (double)rows;
    long right = 0;
    for (long row = 0; row < rows; row++) {
        const float *z = logits + row * classes;
        float *e = out + row * classes;
        long label = labels[row * label_stride];
        // The row's maximum; unordered lanes flag a NaN, for which the scalar argmax below decides.
        __m256 largest = _mm256_set1_ps(-INFINITY);
        __m256 unordered = _mm256_setzero_ps();
        for (long j = 0; j < classes; j += 8) {
            long n = classes - j;
            __m256 value = ek_load(z + j, n);
            if (n < 8) value = _mm256_blendv_ps(_mm256_set1_ps(-INFINITY), value, _mm256_castsi256_ps(ek_mask(n)));
            unordered = _mm256_or_ps(unordered, _mm256_cmp_ps(value, value, _CMP_UNORD_Q));
            largest = _mm256_max_ps(largest, value);
        }
        __m128 half = _mm_max_ps(_mm256_castps256_ps128(largest), _mm256_extractf128_ps(largest, 1));
        half = _mm_max_ps(half, _mm_movehl_ps(half, half));
        half = _mm_max_ss(half, _mm_shuffle_ps(half, half, 1));
        float maximum = _mm_cvtss_f32(half);
        long best = 0;
        if (_mm256_movemask_ps(unordered)) {
            for (long j = 1; j < classes; j++)
                if (z[j] > z[best]) best = j;
            maximum = NAN;
        } else {
            while (z[best] != maximum) best++;  // the first maximum, as the scalar strict-> scan keeps
        }
        if (best == label) right++;
        // e = exp(z − max), summed in double.
        const __m256 shift = _mm256_set1_ps(maximum);
        __m256d sum = _mm256_setzero_pd();
        for (long j = 0; j < classes; j += 8) {
            long n = classes - j;
            __m256 x = ek_exp8(_mm256_sub_ps(ek_load(z + j, n), shift));
            if (n < 8) x = _mm256_and_ps(x, _mm256_castsi256_ps(ek_mask(n)));
            ek_store(e + j, x, n);
            sum = ek_widen_sum(sum, x);
        }
        __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(sum), _mm256_extractf128_pd(sum, 1));
        double row_sum = _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
        // Σ log(sum) as the log of running products (each sum lies in [1, classes]): one log per
        // few hundred rows instead of one per row; flushed long before a double could overflow.
        product *= row_sum;
        if (!(product < 1e200)) {
            total += log(product);
            product = 1;
        }
        label_shifted += (double)(z[label] - maximum);
        const __m256 scale = _mm256_set1_ps((float)(inverse_rows / row_sum));
        for (long j = 0; j < classes; j += 8) {
            long n = classes - j;
            ek_store(e + j, _mm256_mul_ps(ek_load(e + j, n), scale), n);
        }
        e[label] -= (float)inverse_rows;
    }
    total += log(product);
    *correct = right;
    return (total - label_shifted) * inverse_rows;
}

#else

void ek_adamw_f32(
    float *p, const float *g, float *m, float *v, long count, float beta1, float beta2, float decay,
    float step_size, float correction2_root, float epsilon) {}
double ek_cross_entropy_f32(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct) {
    return 0;
}

#endif
