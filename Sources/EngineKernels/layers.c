// AVX2 kernels of the layers (see include/EngineKernels.h); Swift twins in Engine/LayerKernels.swift,
// Engine/Embedding.swift and Engine/Embedding+TokenSums.swift (token tables).
#include "EngineKernels.h"
#include "vector_common.h"

#if defined(__x86_64__)

int engine_kernels_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

EK_AVX2 void ek_exp_f32(const float *x, float *out, long count) {
    for (long i = 0; i < count; i += 8) ek_store(out + i, ek_exp8(ek_load(x + i, count - i)), count - i);
}

EK_AVX2 void ek_bias_silu_f32(const float *z, const float *bias, long rows, long cols, float *y, float *s) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 sign = _mm256_set1_ps(-0.0f);
    for (long row = 0; row < rows; row++) {
        const float *zr = z + row * cols;
        float *yr = y + row * cols, *sr = s + row * cols;
        for (long j = 0; j < cols; j += 8) {
            long n = cols - j;
            __m256 t = _mm256_add_ps(ek_load(zr + j, n), ek_load(bias + j, n));
            __m256 sigmoid = _mm256_div_ps(one, _mm256_add_ps(one, ek_exp8(_mm256_xor_ps(t, sign))));
            ek_store(sr + j, sigmoid, n);
            ek_store(yr + j, _mm256_mul_ps(t, sigmoid), n);
        }
    }
}

EK_AVX2 void ek_bias_add_f32(float *z, const float *bias, long rows, long cols) {
    for (long row = 0; row < rows; row++) {
        float *zr = z + row * cols;
        for (long j = 0; j < cols; j += 8) {
            long n = cols - j;
            ek_store(zr + j, _mm256_add_ps(ek_load(zr + j, n), ek_load(bias + j, n)), n);
        }
    }
}

EK_AVX2 void ek_silu_backward_f32(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient) {
    const __m256 one = _mm256_set1_ps(1.0f);
    for (long row = 0; row < rows; row++) {
        long o = row * cols;
        for (long j = 0; j < cols; j += 8) {
            long n = cols - j;
            __m256 sv = ek_load(s + o + j, n);
            __m256 derivative = _mm256_add_ps(sv, _mm256_mul_ps(ek_load(y + o + j, n), _mm256_sub_ps(one, sv)));
            __m256 g = _mm256_mul_ps(ek_load(dy + o + j, n), derivative);
            ek_store(dz + o + j, g, n);
            ek_store(bias_gradient + j, _mm256_add_ps(ek_load(bias_gradient + j, n), g), n);
        }
    }
}

EK_AVX2 void ek_column_sums_f32(const float *g, long rows, long cols, float *sums) {
    for (long j = 0; j < cols; j += 8) {
        long n = cols - j;
        __m256 sum = ek_load(sums + j, n);
        for (long row = 0; row < rows; row++) sum = _mm256_add_ps(sum, ek_load(g + row * cols + j, n));
        ek_store(sums + j, sum, n);
    }
}

EK_AVX2 void ek_embedding_gather_f32(
    const float *table, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *out) {
    for (long row = 0; row < rows; row++) {
        const float *ea = table + (long)a[row * index_stride] * dimension;
        const float *eb = table + (long)b[row * index_stride] * dimension;
        float *destination = out + row * 2 * dimension;
        for (long j = 0; j < dimension; j += 8) {
            long n = dimension - j;
            ek_store(destination + j, ek_load(ea + j, n), n);
            ek_store(destination + dimension + j, ek_load(eb + j, n), n);
        }
    }
}

EK_AVX2 void ek_embedding_scatter_f32(
    const float *gradient, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *table_gradient) {
    for (long row = 0; row < rows; row++) {
        const float *source = gradient + row * 2 * dimension;
        float *ga = table_gradient + (long)a[row * index_stride] * dimension;
        float *gb = table_gradient + (long)b[row * index_stride] * dimension;
        // a's half is added before b's (a == b adds both, in the scalar loop's order).
        for (long j = 0; j < dimension; j += 8) {
            long n = dimension - j;
            ek_store(ga + j, _mm256_add_ps(ek_load(ga + j, n), ek_load(source + j, n)), n);
        }
        for (long j = 0; j < dimension; j += 8) {
            long n = dimension - j;
            ek_store(gb + j, _mm256_add_ps(ek_load(gb + j, n), ek_load(source + dimension + j, n)), n);
        }
    }
}

EK_AVX2 void ek_token_sums_f32(
    const float *gradient, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *sums) {
    for (long row = 0; row < rows; row++) {
        const float *source = gradient + row * width;
        float *sa = sums + (long)a[row * index_stride] * width;
        float *sb = sums + (vocabulary + (long)b[row * index_stride]) * width;
        for (long j = 0; j < width; j += 8) {
            long n = width - j;
            __m256 g = ek_load(source + j, n);
            ek_store(sa + j, _mm256_add_ps(ek_load(sa + j, n), g), n);
            ek_store(sb + j, _mm256_add_ps(ek_load(sb + j, n), g), n);
        }
    }
}

EK_AVX2 void ek_token_rows_f32(
    const float *products, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *out) {
    for (long row = 0; row < rows; row++) {
        const float *pa = products + (long)a[row * index_stride] * width;
        const float *pb = products + (vocabulary + (long)b[row * index_stride]) * width;
        float *destination = out + row * width;
        for (long j = 0; j < width; j += 8) {
            long n = width - j;
            ek_store(destination + j, _mm256_add_ps(ek_load(pa + j, n), ek_load(pb + j, n)), n);
        }
    }
}

#else

int engine_kernels_available(void) { return 0; }
void ek_exp_f32(const float *x, float *out, long count) {}
void ek_bias_silu_f32(const float *z, const float *bias, long rows, long cols, float *y, float *s) {}
void ek_bias_add_f32(float *z, const float *bias, long rows, long cols) {}
void ek_silu_backward_f32(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient) {}
void ek_column_sums_f32(const float *g, long rows, long cols, float *sums) {}
void ek_embedding_gather_f32(
    const float *table, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *out) {}
void ek_embedding_scatter_f32(
    const float *gradient, long dimension, const int32_t *a, const int32_t *b, long index_stride, long rows,
    float *table_gradient) {}
void ek_token_sums_f32(
    const float *gradient, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *sums) {}
void ek_token_rows_f32(
    const float *products, long width, const int32_t *a, const int32_t *b, long index_stride, long rows,
    long vocabulary, float *out) {}

#endif
