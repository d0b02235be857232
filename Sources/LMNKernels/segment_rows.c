// The residual rows of the paper net's segments without a division (docs/performance.md): the
// 19 rows ε_t = σ(z(λ_t)) − s_i − λ_t (s_j − s_i) as lmn_residual_segments_avx2 writes them, with
// points t and 20 − t made together by recurrences from both ends (≤ 10 steps each, so also more
// accurate), sharing one reciprocal, which is a hardware estimate refined by Newton steps. One
// AVX2+FMA and one AVX-512 version of the same arithmetic, chosen at run time.
#include "LMNKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

static const double lambdas[21] = {
    0.0 / 20, 1.0 / 20, 2.0 / 20, 3.0 / 20, 4.0 / 20, 5.0 / 20, 6.0 / 20, 7.0 / 20, 8.0 / 20, 9.0 / 20, 10.0 / 20,
    11.0 / 20, 12.0 / 20, 13.0 / 20, 14.0 / 20, 15.0 / 20, 16.0 / 20, 17.0 / 20, 18.0 / 20, 19.0 / 20, 20.0 / 20};

// One lane block of W hidden units at offset o; VEC/ops are macros so both widths share the text.
// SiLU: ε_t = z_t·d₂/(d₁d₂) − line_t (one fused step after the shared reciprocal), and
// ε_{20−t} = z_{20−t}·d₁/(d₁d₂) − line_{20−t}, with line_t = s_i + λ_t·span, line_{20−t} = s_j − λ_t·span.
#define ROWS_BLOCK(VEC, SET1, LOAD, ADD, SUB, MUL, FMADD, FNMADD, FMSUB, RECIP, STORE_FLOAT, IS_TANH)          \
    {                                                                                                          \
        const VEC one = SET1(1.0);                                                                             \
        const VEC two = SET1(2.0);                                                                             \
        const VEC start = LOAD(z_i + o);                                                                       \
        const VEC end = LOAD(z_j + o);                                                                         \
        const VEC step = SUB(end, start);                                                                      \
        const VEC ratio = MUL(LOAD(exp_step_j + o), LOAD(exp_step_inverse_i + o));                             \
        const VEC ratio_back = MUL(LOAD(exp_step_i + o), LOAD(exp_step_inverse_j + o));                        \
        const VEC s0 = LOAD(s_i + o);                                                                          \
        const VEC s1 = LOAD(s_j + o);                                                                          \
        const VEC span = SUB(s1, s0);                                                                          \
        VEC e = LOAD(exp_start_i + o);                                                                         \
        VEC e_back = LOAD(exp_start_j + o);                                                                    \
        for (int t = 1; t <= 9; t++) {                                                                         \
            e = MUL(e, ratio);                                                                                 \
            e_back = MUL(e_back, ratio_back);                                                                  \
            const VEC d1 = ADD(one, e);                                                                        \
            const VEC d2 = ADD(one, e_back);                                                                   \
            const VEC inverse = RECIP(MUL(d1, d2));                                                            \
            const VEC line1 = FMADD(SET1(lambdas[t]), span, s0);                                               \
            const VEC line2 = FNMADD(SET1(lambdas[t]), span, s1);                                              \
            VEC eps1, eps2;                                                                                    \
            if (IS_TANH) {                                                                                     \
                eps1 = SUB(FMSUB(two, MUL(inverse, d2), one), line1);                                          \
                eps2 = SUB(FMSUB(two, MUL(inverse, d1), one), line2);                                          \
            } else {                                                                                           \
                eps1 = FMSUB(MUL(FMADD(SET1(lambdas[t]), step, start), d2), inverse, line1);                   \
                eps2 = FMSUB(MUL(FNMADD(SET1(lambdas[t]), step, end), d1), inverse, line2);                    \
            }                                                                                                  \
            STORE_FLOAT(out + (t - 1) * stride + o, eps1);                                                     \
            STORE_FLOAT(out + (19 - t) * stride + o, eps2);                                                    \
        }                                                                                                      \
        e = MUL(e, ratio);                                                                                     \
        const VEC sig = RECIP(ADD(one, e));                                                                    \
        const VEC middle = IS_TANH ? FMSUB(two, sig, one) : MUL(FMADD(SET1(0.5), step, start), sig);           \
        STORE_FLOAT(out + 9 * stride + o, FNMADD(SET1(0.5), span, SUB(middle, s0)));                           \
    }

// AVX2: a true division. On AVX2-only cores (Zen 2/3: 4–5 cycles per ymm division) and measured
// here, the 12-bit estimate + three Newton steps was slower (docs/performance.md).
__attribute__((target("avx2,fma"))) static inline __m256d recip256(__m256d d) {
    return _mm256_div_pd(_mm256_set1_pd(1.0), d);
}
__attribute__((target("avx2,fma"))) static inline void store256(float *p, __m256d v) {
    _mm_storeu_ps(p, _mm256_cvtpd_ps(v));
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

#define BLOCK256(IS_TANH)                                                                                     \
    ROWS_BLOCK(                                                                                               \
        __m256d, _mm256_set1_pd, _mm256_load_pd, _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd, _mm256_fmadd_pd, \
        _mm256_fnmadd_pd, _mm256_fmsub_pd, recip256, store256, IS_TANH)
#define BLOCK512(IS_TANH)                                                                                     \
    ROWS_BLOCK(                                                                                               \
        __m512d, _mm512_set1_pd, _mm512_loadu_pd, _mm512_add_pd, _mm512_sub_pd, _mm512_mul_pd, _mm512_fmadd_pd, \
        _mm512_fnmadd_pd, _mm512_fmsub_pd, recip512, store512, IS_TANH)

#define SEGMENT_ROWS_PARAMETERS                                                                               \
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,               \
        const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,                 \
        const double *exp_step_inverse_j, const double *s_i, const double *s_j, const bool *geometric_i,      \
        const bool *geometric_j, long groups, int tanh, float *out, long stride

__attribute__((target("avx2,fma"))) void lmn_segment_rows_avx2(SEGMENT_ROWS_PARAMETERS) {
    for (long g = 0; g < groups; g++) {
        if (!(geometric_i[g] && geometric_j[g])) continue;
        const long o = 4 * g;
        if (tanh) BLOCK256(1) else BLOCK256(0)
    }
}

// Eight units (two lane groups of 4) at a time where both groups are on the recurrence; a lone
// group takes the AVX2 block.
__attribute__((target("avx512f,avx2,fma"))) void lmn_segment_rows_avx512(SEGMENT_ROWS_PARAMETERS) {
    for (long g = 0; g < groups; g += 2) {
        const int first = geometric_i[g] && geometric_j[g];
        const int second = g + 1 < groups && geometric_i[g + 1] && geometric_j[g + 1];
        if (first && second) {
            const long o = 4 * g;
            if (tanh) BLOCK512(1) else BLOCK512(0)
            continue;
        }
        for (long h = g; h < g + 2 && h < groups; h++) {
            if (!(geometric_i[h] && geometric_j[h])) continue;
            const long o = 4 * h;
            if (tanh) BLOCK256(1) else BLOCK256(0)
        }
    }
}

#else
void lmn_segment_rows_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride) {}
void lmn_segment_rows_avx512(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride) {}
#endif
