// AVX-512 form of the softmax cross-entropy (see include/EngineKernels.h): 16 classes per vector,
// the argmax from a compare mask instead of a scan, FMA-free exp (exactly the AVX2 lanes' values).
#include "EngineKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>

#include "exp_method.h"

#pragma STDC FP_CONTRACT OFF
#define EK_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,fma")))

EK_AVX512 static inline __mmask16 ek_loss_mask(long n) {
    return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1);
}

/// VectorExp.exp operation for operation on 16 lanes (exp_method.h; no FMA: the AVX2 kernel's values).
EK_DEFINE_EXP(ek_loss_exp16, EK_AVX512, __m512, __m512i, _mm512_set1_ps, _mm512_set1_epi32, _mm512_max_ps,
              _mm512_min_ps, _mm512_sub_ps, _mm512_mul_ps, EK_MADD512, EK_NMADD512, _mm512_castps_si512,
              _mm512_castsi512_ps, _mm512_sub_epi32, _mm512_slli_epi32)

EK_AVX512 double ek_cross_entropy_f32_avx512(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct) {
    double total = 0, label_shifted = 0, product = 1;
    const double inverse_rows = 1.0 / (double)rows;
    long right = 0;
    for (long row = 0; row < rows; row++) {
        const float *z = logits + row * classes;
        float *e = out + row * classes;
        long label = labels[row * label_stride];
        __m512 largest = _mm512_set1_ps(-INFINITY);
        __mmask16 unordered = 0;
        for (long j = 0; j < classes; j += 16) {
            __mmask16 m = ek_loss_mask(classes - j);
            __m512 value = _mm512_mask_loadu_ps(_mm512_set1_ps(-INFINITY), m, z + j);
            unordered |= _mm512_cmp_ps_mask(value, value, _CMP_UNORD_Q);
            largest = _mm512_max_ps(largest, value);
        }
        float maximum = _mm512_reduce_max_ps(largest);
        long best = 0;
        if (unordered) {
            for (long j = 1; j < classes; j++)
                if (z[j] > z[best]) best = j;
            maximum = NAN;
        } else {
            // The first lane equal to the maximum: what the scalar strict-> scan keeps.
            const __m512 target = _mm512_set1_ps(maximum);
            for (long j = 0; j < classes; j += 16) {
                __mmask16 hit = _mm512_mask_cmp_ps_mask(ek_loss_mask(classes - j), _mm512_loadu_ps(z + j), target, _CMP_EQ_OQ);
                if (hit) {
                    best = j + __builtin_ctz(hit);
                    break;
                }
            }
        }
        if (best == label) right++;
        const __m512 shift = _mm512_set1_ps(maximum);
        __m512d sum = _mm512_setzero_pd();
        for (long j = 0; j < classes; j += 16) {
            __mmask16 m = ek_loss_mask(classes - j);
            __m512 x = _mm512_maskz_mov_ps(m, ek_loss_exp16(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, z + j), shift)));
            _mm512_mask_storeu_ps(e + j, m, x);
            sum = _mm512_add_pd(sum, _mm512_cvtps_pd(_mm512_castps512_ps256(x)));
            sum = _mm512_add_pd(sum, _mm512_cvtps_pd(_mm512_extractf32x8_ps(x, 1)));
        }
        double row_sum = _mm512_reduce_add_pd(sum);
        product *= row_sum;  // Σ log as log Π, flushed before overflow (see the AVX2 kernel)
        if (!(product < 1e200)) {
            total += log(product);
            product = 1;
        }
        label_shifted += (double)(z[label] - maximum);
        const __m512 scale = _mm512_set1_ps((float)(inverse_rows / row_sum));
        for (long j = 0; j < classes; j += 16) {
            __mmask16 m = ek_loss_mask(classes - j);
            _mm512_mask_storeu_ps(e + j, m, _mm512_mul_ps(_mm512_maskz_loadu_ps(m, e + j), scale));
        }
        e[label] -= (float)inverse_rows;
    }
    total += log(product);
    *correct = right;
    return (total - label_shifted) * inverse_rows;
}

#else

double ek_cross_entropy_f32_avx512(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct) {
    return 0;
}

#endif
