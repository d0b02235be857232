// The projected segment kernels of the residual path (docs/performance.md, "Truncated basis"):
// per pair, the first LMN_BASIS coefficients of the 19 residuals ε_t in a discrete
// orthonormal basis over the 19 interior points and, per hidden unit, the root of the energy the
// truncation drops. One AVX2+FMA and one AVX-512 version with the same arithmetic, chosen at run time.
// No division: 1/(d₁d₂) by a hardware reciprocal estimate and Newton steps.
#include "LMNKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <math.h>

// 1 − 2λ_t: ε_t − ε_{20−t} = v_t − v_{20−t} + (1 − 2λ_t)·(s_j − s_i).
static const double centered[10] = {1.0, 18.0 / 20, 16.0 / 20, 14.0 / 20, 12.0 / 20, 10.0 / 20, 8.0 / 20, 6.0 / 20, 4.0 / 20, 2.0 / 20};

static const double lambdas[21] = {
    0.0 / 20, 1.0 / 20, 2.0 / 20, 3.0 / 20, 4.0 / 20, 5.0 / 20, 6.0 / 20, 7.0 / 20, 8.0 / 20, 9.0 / 20, 10.0 / 20,
    11.0 / 20, 12.0 / 20, 13.0 / 20, 14.0 / 20, 15.0 / 20, 16.0 / 20, 17.0 / 20, 18.0 / 20, 19.0 / 20, 20.0 / 20};

// Covers the rounding of E − Σc² (sums of ≤ 27 squares and 19-term dot products in double: a few
// hundred ulp of E at most); see docs/performance.md.
#define DROPPED_SLACK 4e-14

int lmn_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

// One kernel body for both widths; VEC/ops are macros so the two versions cannot drift apart.
// Points t and 20 − t are made together, by recurrences from both ends (≤ 10 steps each), sharing one
// reciprocal: with the basis even/odd about t = 10, the even coefficients need only ε_t + ε_{20−t}
// and the odd ones ε_t − ε_{20−t}, which halves the projection.
#define PROJECTED_BODY(VEC, SET1, LOAD, ADD, SUB, MUL, FMADD, FNMADD, FMSUB, RECIP, STORE_FLOAT, STORE_ROOT, MAX, ZERO, W) \
    const VEC one = SET1(1.0);                                                                                    \
    const VEC two = SET1(2.0);                                                                                    \
    for (long o = 0; o < units; o += W) {                                                                         \
        const VEC start = LOAD(z_i + o);                                                                          \
        const VEC end = LOAD(z_j + o);                                                                            \
        const VEC step = SUB(end, start);                                                                         \
        const VEC ratio = MUL(LOAD(exp_step_j + o), LOAD(exp_step_inverse_i + o));                                \
        const VEC ratio_back = MUL(LOAD(exp_step_i + o), LOAD(exp_step_inverse_j + o));                           \
        const VEC s0 = LOAD(s_i + o);                                                                             \
        const VEC span = SUB(LOAD(s_j + o), s0);                                                                  \
        const VEC offset = ADD(ADD(s0, s0), span); /* line_t + line_{20−t} */                                     \
        VEC e = LOAD(exp_start_i + o);                                                                            \
        VEC e_back = LOAD(exp_start_j + o);                                                                       \
        VEC c[LMN_BASIS];                                                                                         \
        for (int j = 0; j < LMN_BASIS; j++) c[j] = ZERO();                                                        \
        VEC energy_sum = ZERO(), energy_difference = ZERO();                                                      \
        for (int t = 1; t <= 9; t++) {                                                                            \
            e = MUL(e, ratio);                                                                                    \
            e_back = MUL(e_back, ratio_back);                                                                     \
            const VEC d1 = ADD(one, e);                                                                           \
            const VEC d2 = ADD(one, e_back);                                                                      \
            const VEC inverse = RECIP(MUL(d1, d2));                                                               \
            const VEC sig1 = MUL(inverse, d2);                                                                    \
            const VEC sig2 = MUL(inverse, d1);                                                                    \
            VEC v1, v2;                                                                                           \
            if (is_tanh) {                                                                                        \
                v1 = FMSUB(two, sig1, one);                                                                       \
                v2 = FMSUB(two, sig2, one);                                                                       \
            } else {                                                                                              \
                v1 = MUL(FMADD(SET1(lambdas[t]), step, start), sig1);                                             \
                v2 = MUL(FNMADD(SET1(lambdas[t]), step, end), sig2);                                              \
            }                                                                                                     \
            const VEC sum = SUB(ADD(v1, v2), offset);                                                             \
            const VEC difference = FMADD(SET1(centered[t]), span, SUB(v1, v2));                            \
            energy_sum = FMADD(sum, sum, energy_sum);                                                             \
            energy_difference = FMADD(difference, difference, energy_difference);                                 \
            for (int j = 0; j < LMN_BASIS; j += 2) {                                                              \
                c[j] = FMADD(SET1(basis[j * 19 + t - 1]), sum, c[j]);                                             \
                c[j + 1] = FMADD(SET1(basis[(j + 1) * 19 + t - 1]), difference, c[j + 1]);                        \
            }                                                                                                     \
        }                                                                                                         \
        e = MUL(e, ratio);                                                                                        \
        const VEC sig = RECIP(ADD(one, e));                                                                       \
        const VEC middle = is_tanh ? FMSUB(two, sig, one) : MUL(FMADD(SET1(0.5), step, start), sig);                 \
        const VEC eps = FNMADD(SET1(0.5), span, SUB(middle, s0));                                                 \
        for (int j = 0; j < LMN_BASIS; j += 2) c[j] = FMADD(SET1(basis[j * 19 + 9]), eps, c[j]);                  \
        /* ε_t² + ε_{20−t}² = (sum² + difference²)/2 */                                                           \
        const VEC energy = FMADD(eps, eps, MUL(SET1(0.5), ADD(energy_sum, energy_difference)));                   \
        VEC kept = ZERO();                                                                                        \
        for (int j = 0; j < LMN_BASIS; j++) {                                                                     \
            kept = FMADD(c[j], c[j], kept);                                                                       \
            STORE_FLOAT(coefficients + j * stride + o, c[j]);                                                     \
        }                                                                                                         \
        /* rounded up into float: relative (1 + 2⁻²⁰) and one denormal step absolute cover the rounding */ \
        const VEC dropped = FMADD(SET1(DROPPED_SLACK), energy, MAX(SUB(energy, kept), ZERO()));                   \
        STORE_ROOT(roots + o, FMADD(SET1(1.0 + 0x1p-20), dropped, SET1(0x1p-149)));                              \
    }

// AVX2: a true division. On AVX2-only cores (Zen 2/3: 4–5 cycles per ymm division) and measured
// here, the 12-bit estimate + three Newton steps was slower (docs/performance.md).
__attribute__((target("avx2,fma"))) static inline __m256d recip256(__m256d d) {
    return _mm256_div_pd(_mm256_set1_pd(1.0), d);
}
__attribute__((target("avx2,fma"))) static inline void store256(float *p, __m256d v) {
    _mm_storeu_ps(p, _mm256_cvtpd_ps(v));
}
__attribute__((target("avx2,fma"))) static inline __m256d zero256(void) { return _mm256_setzero_pd(); }
// √ in single precision (cheaper than in double), of a value already rounded up into float;
// the factor covers the square root's own rounding.
__attribute__((target("avx2,fma"))) static inline void root256(float *p, __m256d v) {
    _mm_storeu_ps(p, _mm_mul_ps(_mm_sqrt_ps(_mm256_cvtpd_ps(v)), _mm_set1_ps(1.0f + 0x1p-20f)));
}

__attribute__((target("avx2,fma"))) void lmn_projected_segments_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, long units, int tanh,
    const double *basis, float *coefficients, float *roots, long stride) {
#define BODY256                                                                                                  \
    PROJECTED_BODY(                                                                                              \
        __m256d, _mm256_set1_pd, _mm256_load_pd, _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd, _mm256_fmadd_pd,   \
        _mm256_fnmadd_pd, _mm256_fmsub_pd, recip256, store256, root256, _mm256_max_pd, zero256, 4)
    if (tanh) {
        const int is_tanh = 1;
        BODY256
    } else {
        const int is_tanh = 0;
        BODY256
    }
}

// AVX-512: 14-bit estimate, two Newton steps (≈ 2⁻⁵⁶).
__attribute__((target("avx512f,avx2,fma"))) static inline __m512d recip512(__m512d d) {
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d x = _mm512_rcp14_pd(d);
    for (int i = 0; i < 2; i++) x = _mm512_fmadd_pd(x, _mm512_fnmadd_pd(d, x, one), x);
    return x;
}
__attribute__((target("avx512f,avx2,fma"))) static inline void store512(float *p, __m512d v) {
    _mm256_storeu_ps(p, _mm512_cvtpd_ps(v));
}
__attribute__((target("avx512f,avx2,fma"))) static inline __m512d zero512(void) { return _mm512_setzero_pd(); }
__attribute__((target("avx512f,avx2,fma"))) static inline void root512(float *p, __m512d v) {
    _mm256_storeu_ps(p, _mm256_mul_ps(_mm256_sqrt_ps(_mm512_cvtpd_ps(v)), _mm256_set1_ps(1.0f + 0x1p-20f)));
}

__attribute__((target("avx512f,avx2,fma"))) void lmn_projected_segments_avx512(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, long units, int tanh,
    const double *basis, float *coefficients, float *roots, long stride) {
#define BODY512                                                                                                  \
    PROJECTED_BODY(                                                                                              \
        __m512d, _mm512_set1_pd, _mm512_loadu_pd, _mm512_add_pd, _mm512_sub_pd, _mm512_mul_pd, _mm512_fmadd_pd,   \
        _mm512_fnmadd_pd, _mm512_fmsub_pd, recip512, store512, root512, _mm512_max_pd, zero512, 8)
    if (tanh) {
        const int is_tanh = 1;
        BODY512
    } else {
        const int is_tanh = 0;
        BODY512
    }
}

// Moments of a truncated pair from its coefficient images g_j = W·c_j (rows j·stride) and the
// bound images b = |W|·√r: with a² = Σ_t (λ_t − ½)² over the 19 interior points and V = a² + ½,
// P = D·V + a·g₁, Q = (D·a + g₁)² + D²/2 + (2/21)·g₀² + Σ_{j≥2} g_j² (the dropped part is ≥ 0 and
// ≤ b²), mean = y_i + D/2 + √19·g₀/21. Writes Q to squares and Q + b² to squares_upper.
__attribute__((target("avx2,fma"))) void lmn_truncated_moments_avx2(
    const double *y_i, const double *y_j, const float *images, const float *bounds, long stride, long width,
    double *squares, double *squares_upper, double *products, double *means) {
    double a2 = 0;
    for (int t = 1; t < 20; t++) a2 += (lambdas[t] - 0.5) * (lambdas[t] - 0.5);
    const __m256d a = _mm256_set1_pd(sqrt(a2));
    const __m256d v = _mm256_set1_pd(a2 + 0.5);
    const __m256d half = _mm256_set1_pd(0.5);
    const __m256d mean_scale = _mm256_set1_pd(sqrt(19.0) / 21);
    const __m256d zero_weight = _mm256_set1_pd(2.0 / 21);
    const __m256d bound_scale = _mm256_set1_pd(1.0 + 1e-4);  // the float product of the bound row
    for (long o = 0; o < width; o += 4) {
        const __m256d y0 = _mm256_loadu_pd(y_i + o);
        const __m256d d = _mm256_sub_pd(_mm256_loadu_pd(y_j + o), y0);
        const __m256d g0 = _mm256_cvtps_pd(_mm_loadu_ps(images + o));
        const __m256d g1 = _mm256_cvtps_pd(_mm_loadu_ps(images + stride + o));
        __m256d rest = _mm256_setzero_pd();
        for (int j = 2; j < LMN_BASIS; j++) {
            const __m256d g = _mm256_cvtps_pd(_mm_loadu_ps(images + j * stride + o));
            rest = _mm256_fmadd_pd(g, g, rest);
        }
        const __m256d line = _mm256_fmadd_pd(d, a, g1);
        __m256d q = _mm256_fmadd_pd(_mm256_mul_pd(zero_weight, g0), g0, rest);
        q = _mm256_fmadd_pd(_mm256_mul_pd(half, d), d, q);
        q = _mm256_fmadd_pd(line, line, q);
        const __m256d b = _mm256_mul_pd(_mm256_cvtps_pd(_mm_loadu_ps(bounds + o)), bound_scale);
        _mm256_storeu_pd(squares + o, q);
        _mm256_storeu_pd(squares_upper + o, _mm256_fmadd_pd(b, b, q));
        _mm256_storeu_pd(products + o, _mm256_fmadd_pd(d, v, _mm256_mul_pd(a, g1)));
        _mm256_storeu_pd(means + o, _mm256_fmadd_pd(mean_scale, g0, _mm256_fmadd_pd(half, d, y0)));
    }
}

#else
int lmn_avx512_available(void) { return 0; }
void lmn_projected_segments_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, long units, int tanh,
    const double *basis, float *coefficients, float *roots, long stride) {}
void lmn_projected_segments_avx512(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, long units, int tanh,
    const double *basis, float *coefficients, float *roots, long stride) {}
void lmn_truncated_moments_avx2(
    const double *y_i, const double *y_j, const float *images, const float *bounds, long stride, long width,
    double *squares, double *squares_upper, double *products, double *means) {}
#endif
