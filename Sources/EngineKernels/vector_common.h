// Shared AVX2 pieces of the engine kernels: tail masks and the 8-lane exp.
#ifndef ENGINE_KERNELS_VECTOR_COMMON_H
#define ENGINE_KERNELS_VECTOR_COMMON_H

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

#include "exp_method.h"

// Kernels promise the operation order of their Swift twins; no a·b + c may become an FMA.
#pragma STDC FP_CONTRACT OFF

#define EK_AVX2 __attribute__((target("avx2,fma")))

static const int32_t ek_mask_table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

/// Lanes 0 ..< n set (n in 0...8): loads and stores of a tail touch nothing past the end.
EK_AVX2 static inline __m256i ek_mask(long n) {
    return _mm256_loadu_si256((const __m256i *)(ek_mask_table + 8 - (n > 8 ? 8 : n)));
}

EK_AVX2 static inline __m256 ek_load(const float *p, long n) {
    return n >= 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, ek_mask(n));
}

EK_AVX2 static inline void ek_store(float *p, __m256 v, long n) {
    if (n >= 8) _mm256_storeu_ps(p, v);
    else _mm256_maskstore_ps(p, ek_mask(n), v);
}

/// VectorExp.exp on 8 lanes, operation for operation (exp_method.h).
EK_DEFINE_EXP(ek_exp8, EK_AVX2, __m256, __m256i, _mm256_set1_ps, _mm256_set1_epi32, _mm256_max_ps, _mm256_min_ps,
              _mm256_sub_ps, _mm256_mul_ps, EK_MADD256, EK_NMADD256, _mm256_castps_si256, _mm256_castsi256_ps,
              _mm256_sub_epi32, _mm256_slli_epi32)

#endif
#endif
