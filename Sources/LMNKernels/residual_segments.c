// The moment kernels of the residual path (see include/LMNKernels.h), AVX2+FMA and AVX-512, and the
// AVX2 check. The segment kernels are in segment_rows.c (portable Swift loop: LMNWorkspace.geometricSegment,
// one recurrence from the start instead of two from the ends).
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

int lmn_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && lmn_kernels_available();
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


// The same moments, eight outputs at a time (tail of four by the AVX2 version).
__attribute__((target("avx512f,avx2,fma"))) void lmn_residual_moments_avx512(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {
    double spread = 0;
    for (int t = 0; t < 21; t++) spread += (lambdas[t] - 0.5) * (lambdas[t] - 0.5);
    const __m512d v = _mm512_set1_pd(spread);
    const __m512d inverse_points = _mm512_set1_pd(1.0 / 21);
    long o = 0;
    for (; o + 8 <= width; o += 8) {
        __m512d sum = _mm512_setzero_pd(), sum_of_squares = _mm512_setzero_pd(), sum_of_products = _mm512_setzero_pd();
        const float *row = residuals + o;
        for (int t = 1; t <= 19; t++) {
            const __m512d e = _mm512_cvtps_pd(_mm256_loadu_ps(row));
            sum = _mm512_add_pd(sum, e);
            sum_of_squares = _mm512_fmadd_pd(e, e, sum_of_squares);
            sum_of_products = _mm512_fmadd_pd(_mm512_set1_pd(lambdas[t] - 0.5), e, sum_of_products);
            row += stride;
        }
        const __m512d y0 = _mm512_loadu_pd(y_i + o);
        const __m512d d = _mm512_sub_pd(_mm512_loadu_pd(y_j + o), y0);
        const __m512d mean_e = _mm512_mul_pd(sum, inverse_points);
        _mm512_storeu_pd(products + o, _mm512_fmadd_pd(d, v, sum_of_products));
        __m512d q = _mm512_fnmadd_pd(sum, mean_e, sum_of_squares);
        q = _mm512_fmadd_pd(_mm512_add_pd(d, d), sum_of_products, q);
        q = _mm512_fmadd_pd(_mm512_mul_pd(d, d), v, q);
        _mm512_storeu_pd(squares + o, q);
        _mm512_storeu_pd(means + o, _mm512_add_pd(_mm512_fmadd_pd(_mm512_set1_pd(0.5), d, y0), mean_e));
    }
    if (o < width)
        lmn_residual_moments_avx2(
            y_i + o, y_j + o, residuals + o, stride, width - o, squares + o, products + o, means + o);
}

#else
void lmn_residual_moments_avx512(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {}
void lmn_residual_moments_avx2(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {}

int lmn_kernels_available(void) { return 0; }
int lmn_avx512_available(void) { return 0; }

#endif
