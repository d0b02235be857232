// The AVX2+FMA kernel of lmn_residual_segments_avx2 (see include/LMNKernels.h). The Swift twin is
// LMNWorkspace.geometricSegment; both share one division between two points.
#include "LMNKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

// λ_t = t/20 as the definition's table (a division in the loop would share the divider).
static const double lambdas[21] = {
    0.0 / 20, 1.0 / 20, 2.0 / 20, 3.0 / 20, 4.0 / 20, 5.0 / 20, 6.0 / 20, 7.0 / 20, 8.0 / 20, 9.0 / 20, 10.0 / 20,
    11.0 / 20, 12.0 / 20, 13.0 / 20, 14.0 / 20, 15.0 / 20, 16.0 / 20, 17.0 / 20, 18.0 / 20, 19.0 / 20, 20.0 / 20};

int lmn_kernels_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

__attribute__((target("avx2,fma"))) static inline void store_residual(
    __m256d value, __m256d start, __m256d span, double lambda, float *row) {
    __m256d residual = _mm256_fnmadd_pd(_mm256_set1_pd(lambda), span, _mm256_sub_pd(value, start));
    _mm_storeu_ps(row, _mm256_cvtpd_ps(residual));
}

__attribute__((target("avx2,fma"))) void lmn_residual_segments_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_step_j,
    const double *exp_step_inverse_i, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride) {
    const __m256d one = _mm256_set1_pd(1.0);
    const __m256d two = _mm256_set1_pd(2.0);
    for (long g = 0; g < groups; g++) {
        if (!(geometric_i[g] && geometric_j[g])) continue;
        const long o = 4 * g;
        const __m256d start = _mm256_load_pd(z_i + o);
        const __m256d step = _mm256_sub_pd(_mm256_load_pd(z_j + o), start);
        const __m256d ratio = _mm256_mul_pd(_mm256_load_pd(exp_step_j + o), _mm256_load_pd(exp_step_inverse_i + o));
        const __m256d ratio_squared = _mm256_mul_pd(ratio, ratio);
        const __m256d s0 = _mm256_load_pd(s_i + o);
        const __m256d span = _mm256_sub_pd(_mm256_load_pd(s_j + o), s0);
        __m256d e = _mm256_load_pd(exp_start_i + o);
        float *row = out + o;
        for (int k = 0; k < 9; k++) {
            const int t = 2 * k + 1;
            const __m256d e1 = _mm256_mul_pd(e, ratio);
            const __m256d e2 = _mm256_mul_pd(e, ratio_squared);
            e = e2;
            const __m256d d1 = _mm256_add_pd(one, e1);
            const __m256d d2 = _mm256_add_pd(one, e2);
            const __m256d inverse = _mm256_div_pd(one, _mm256_mul_pd(d1, d2));
            const __m256d sig1 = _mm256_mul_pd(inverse, d2);
            const __m256d sig2 = _mm256_mul_pd(inverse, d1);
            __m256d v1, v2;
            if (tanh) {
                v1 = _mm256_fmsub_pd(two, sig1, one);
                v2 = _mm256_fmsub_pd(two, sig2, one);
            } else {
                const __m256d z1 = _mm256_fmadd_pd(_mm256_set1_pd(lambdas[t]), step, start);
                const __m256d z2 = _mm256_fmadd_pd(_mm256_set1_pd(lambdas[t + 1]), step, start);
                v1 = _mm256_mul_pd(z1, sig1);
                v2 = _mm256_mul_pd(z2, sig2);
            }
            store_residual(v1, s0, span, lambdas[t], row);
            store_residual(v2, s0, span, lambdas[t + 1], row + stride);
            row += 2 * stride;
        }
        e = _mm256_mul_pd(e, ratio);
        const __m256d sig = _mm256_div_pd(one, _mm256_add_pd(one, e));
        const __m256d v = tanh ? _mm256_fmsub_pd(two, sig, one)
                               : _mm256_mul_pd(_mm256_fmadd_pd(_mm256_set1_pd(lambdas[19]), step, start), sig);
        store_residual(v, s0, span, lambdas[19], row);
    }
}

__attribute__((target("avx2,fma"))) void lmn_residual_moments_avx2(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {
    double spread = 0;
    for (int t = 0; t < 21; t++) spread += (lambdas[t] - 0.5) * (lambdas[t] - 0.5);
    const __m256d v = _mm256_set1_pd(spread);
    const __m256d inverse_points = _mm256_set1_pd(1.0 / 21);
    for (long o = 0; o < width; o += 4) {
        __m256d sum = _mm256_setzero_pd(), sum_of_squares = _mm256_setzero_pd(), sum_of_products = _mm256_setzero_pd();
        const float *row = residuals + o;
        for (int t = 1; t <= 19; t++) {
            const __m256d e = _mm256_cvtps_pd(_mm_loadu_ps(row));
            sum = _mm256_add_pd(sum, e);
            sum_of_squares = _mm256_fmadd_pd(e, e, sum_of_squares);
            sum_of_products = _mm256_fmadd_pd(_mm256_set1_pd(lambdas[t] - 0.5), e, sum_of_products);
            row += stride;
        }
        const __m256d y0 = _mm256_loadu_pd(y_i + o);
        const __m256d d = _mm256_sub_pd(_mm256_loadu_pd(y_j + o), y0);
        const __m256d mean_e = _mm256_mul_pd(sum, inverse_points);
        _mm256_storeu_pd(products + o, _mm256_fmadd_pd(d, v, sum_of_products));
        // D²V + 2D·P_e + (Σe² − Σe·ē)
        __m256d q = _mm256_fnmadd_pd(sum, mean_e, sum_of_squares);
        q = _mm256_fmadd_pd(_mm256_add_pd(d, d), sum_of_products, q);
        q = _mm256_fmadd_pd(_mm256_mul_pd(d, d), v, q);
        _mm256_storeu_pd(squares + o, q);
        _mm256_storeu_pd(means + o, _mm256_add_pd(_mm256_fmadd_pd(_mm256_set1_pd(0.5), d, y0), mean_e));
    }
}

#else
void lmn_residual_moments_avx2(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {}

int lmn_kernels_available(void) { return 0; }

void lmn_residual_segments_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_step_j,
    const double *exp_step_inverse_i, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride) {}
#endif
