// Hand-vectorized inner loops of the LMN fast path (Metrics), compiled for AVX2+FMA and AVX-512 with
// target attributes and called after runtime checks, so the portable x86-64 binary still runs
// everywhere (docs/performance.md).
#ifndef LMN_KERNELS_H
#define LMN_KERNELS_H

#include <stdbool.h>

/// 1 when the CPU has AVX2 and FMA (the kernels below may then be called), else 0.
int lmn_kernels_available(void);

/// The per-output moments of one pair from its 19 residual images e_t (floats, row t − 1 at
/// residuals + (t − 1)·stride) and its end outputs y_i, y_j (doubles), for outputs 0 ..< width
/// (a multiple of 4): with D = y_j − y_i and V = Σ_t (λ_t − ½)² over the 21 points,
/// products = D·V + Σ(λ − ½)e, squares = D²·V + 2D·Σ(λ − ½)e + Σe² − (Σe)²/21,
/// means = y_i + D/2 + Σe/21.
void lmn_residual_moments_avx2(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means);
/// The same, eight outputs at a time (requires lmn_avx512_available()).
void lmn_residual_moments_avx512(
    const double *y_i, const double *y_j, const float *residuals, long stride, long width, double *squares,
    double *products, double *means);

/// For one pair i → j, every lane group g (4 hidden units) where geometric_i[g] && geometric_j[g]:
/// writes ε_t = σ(z_i + λ_t (z_j − z_i)) − s_i − λ_t (s_j − s_i), t = 1…19, λ_t = t/20, as floats at
/// out + (t − 1)·stride + 4g, with σ = SiLU (tanh = 0) or tanh (tanh = 1) through the geometric
/// exponential recurrence from both ends: exp(−f z(λ_t)) = exp_start_i·(exp_step_j·exp_step_inverse_i)^t
/// for t ≤ 10 and exp_start_j·(exp_step_i·exp_step_inverse_j)^(20−t) beyond; points t and 20 − t share
/// one reciprocal. All double arrays are 32-byte aligned, one row of the prepared buffers each.
/// The AVX-512 version does 8 units at a time, with no division (requires lmn_avx512_available()).
void lmn_segment_rows_avx2(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride);
void lmn_segment_rows_avx512(
    const double *z_i, const double *z_j, const double *exp_start_i, const double *exp_start_j,
    const double *exp_step_i, const double *exp_step_j, const double *exp_step_inverse_i,
    const double *exp_step_inverse_j, const double *s_i, const double *s_j, const bool *geometric_i,
    const bool *geometric_j, long groups, int tanh, float *out, long stride);

/// 1 when the CPU has AVX-512F besides AVX2 and FMA (the *_avx512 kernels may then be called).
int lmn_avx512_available(void);

#endif
