// Hand-vectorized element-wise loops of the training step (Engine), float32 only, compiled for
// AVX2+FMA with target attributes behind a run-time CPU check, so the portable x86-64 binary still
// runs everywhere. Each has a generic Swift twin in Engine/LayerKernels*.swift (the path float64
// and CPUs without AVX2 take); tests compare the two (docs/performance.md, "Training").
#ifndef ENGINE_KERNELS_H
#define ENGINE_KERNELS_H

#include <stdint.h>

/// 1 when the CPU has AVX2 and FMA (the kernels below may then be called), else 0.
int engine_kernels_available(void);

/// e^x for count floats, the exact operation sequence of Swift's VectorExp.exp (bit-identical).
void ek_exp_f32(const float *x, float *out, long count);

/// Hidden layer after its product: for the rows × cols matrix z (the product x·Wᵀ without bias),
/// t = z + bias[column]; s := σ(t) = 1/(1 + e^−t), y := t·s (SiLU). Backward needs only y and s.
/// y may be z (in place).
void ek_bias_silu_f32(const float *z, const float *bias, long rows, long cols, float *y, float *s);

/// z[row][column] += bias[column] (the output layer).
void ek_bias_add_f32(float *z, const float *bias, long rows, long cols);

/// SiLU backward from the forward's y and s: dz = dy·(s + y·(1 − s)) (= dy·σ'(t)), fused with the
/// bias gradient bias_gradient[column] += Σ_rows dz, summed row by row as the scalar loop does.
void ek_silu_backward_f32(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient);

/// sums[column] += Σ_rows g[row][column], row by row.
void ek_column_sums_f32(const float *g, long rows, long cols, float *sums);

/// One AdamW step over a flat buffer, the operation order of AdamWOf.update (bit-identical):
/// m = β1·m + (1−β1)·g; v = β2·v + ((1−β2)·g)·g; p = p·decay − (step·m) / (√v / c2 + ε).
void ek_adamw_f32(
    float *p, const float *g, float *m, float *v, long count, float beta1, float beta2, float decay,
    float step_size, float correction2_root, float epsilon);

/// Softmax cross-entropy of rows × classes logits against labels[row · label_stride] (int32):
/// out := softmax/rows − onehot/rows (dL/dlogits of the mean loss); *correct := rows whose first
/// maximum is the label. Sums of exponentials and the mean are reduced in double. Returns the loss.
double ek_cross_entropy_f32(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct);

/// Embedding rows: out[row] = concat(table[a], table[b]), a/b/index strides as for labels above.
void ek_embedding_gather_f32(
    const float *table, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *out);

/// Scatter-add of the embedding output gradient (rows × 2·dimension) into the table gradient.
void ek_embedding_scatter_f32(
    const float *gradient, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *table_gradient);

/// First layer's gradient by token: sums[a] += g[row] and sums[vocabulary + b] += g[row] for every
/// row of g (rows × width); sums is (2·vocabulary) × width.
void ek_token_sums_f32(
    const float *gradient, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *sums);

/// First layer's product by token: out[row] = products[a] + products[vocabulary + b] (rows × width).
void ek_token_rows_f32(
    const float *products, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *out);

/// 1 when the CPU has AVX-512 F/DQ/BW/VL (the _avx512 kernels may then be called), else 0.
int engine_kernels_avx512_available(void);

/// 16-lane forms of ek_exp_f32, ek_bias_silu_f32 and ek_silu_backward_f32 (same contracts; FMA
/// inside, so within 2 ulp of the Swift twin instead of bit-identical).
void ek_exp_f32_avx512(const float *x, float *out, long count);
void ek_bias_silu_f32_avx512(const float *z, const float *bias, long rows, long cols, float *y, float *s);
void ek_silu_backward_f32_avx512(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient);

/// 16-lane ek_cross_entropy_f32 (the same exponentials; the double sums in another order).
double ek_cross_entropy_f32_avx512(
    const float *logits, long rows, long classes, const int32_t *labels, long label_stride, float *out,
    long *correct);

#endif
