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

// One loop body for both widths (macros, so the two versions cannot drift apart): per output lane,
// Σe, Σe² and Σ(λ − ½)e over the 19 rows, then P = D·V + Σ(λ−½)e, Q = D²V + 2D·Σ(λ−½)e + Σe² − Σe·ē and
// the mean y_i + D/2 + ē.
#define MOMENTS_BODY(VEC, W, SET1, ZERO, LOAD_ROW, LOAD, STORE, ADD, SUB, MUL, FMADD, FNMADD)                    \
    double spread = 0;                                                                                        \
    for (int t = 0; t < 21; t++) spread += (lambdas[t] - 0.5) * (lambdas[t] - 0.5);                           \
    const VEC v = SET1(spread);                                                                               \
    const VEC inverse_points = SET1(1.0 / 21);                                                                \
    long o = 0;                                                                                               \
    for (; o + W <= width; o += W) {                                                                          \
        VEC sum = ZERO(), sum_of_squares = ZERO(), sum_of_products = ZERO();                                  \
        const float *row = residuals + o;                                                                     \
        for (int t = 1; t <= 19; t++) {                                                                       \
            const VEC e = LOAD_ROW(row);                                                                      \
            sum = ADD(sum, e);                                                                                \
            sum_of_squares = FMADD(e, e, sum_of_squares);                                                     \
            sum_of_products = FMADD(SET1(lambdas[t] - 0.5), e, sum_of_products);                             \
            row += stride;                                                                                    \
        }                                                                                                     \
        const VEC y0 = LOAD(y_i + o);                                                                         \
        const VEC d = SUB(LOAD(y_j + o), y0);                                                                 \
        const VEC mean_e = MUL(sum, inverse_points);                                                          \
        STORE(products + o, FMADD(d, v, sum_of_products));                                                    \
        VEC q = FNMADD(sum, mean_e, sum_of_squares);                                                          \
        q = FMADD(ADD(d, d), sum_of_products, q);                                                             \
        q = FMADD(MUL(d, d), v, q);                                                                           \
        STORE(squares + o, q);                                                                                \
        STORE(means + o, ADD(FMADD(SET1(0.5), d, y0), mean_e));                                               \
    }

#define LOAD_ROW256(row) _mm256_cvtps_pd(_mm_loadu_ps(row))
#define LOAD_ROW512(row) _mm512_cvtps_pd(_mm256_loadu_ps(row))

__attribute__((target("avx2,fma"))) void lmn_residual_moments_avx2(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {
    // width is a multiple of 4: no tail.
    MOMENTS_BODY(__m256d, 4, _mm256_set1_pd, _mm256_setzero_pd, LOAD_ROW256, _mm256_loadu_pd, _mm256_storeu_pd,
                 _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd, _mm256_fmadd_pd, _mm256_fnmadd_pd)
}

// The same moments, eight outputs at a time (a tail of four by the AVX2 version).
__attribute__((target("avx512f,avx2,fma"))) void lmn_residual_moments_avx512(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means) {
    MOMENTS_BODY(__m512d, 8, _mm512_set1_pd, _mm512_setzero_pd, LOAD_ROW512, _mm512_loadu_pd, _mm512_storeu_pd,
                 _mm512_add_pd, _mm512_sub_pd, _mm512_mul_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd)
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
