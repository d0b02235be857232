// Shared AVX2 pieces of the engine kernels: tail masks and the 8-lane exp.
#ifndef ENGINE_KERNELS_VECTOR_COMMON_H
#define ENGINE_KERNELS_VECTOR_COMMON_H

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

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

/// VectorExp.exp on 8 lanes, operation for operation (see Engine/VectorExp.swift for the method):
/// clamp to [−87.3, 88.3] (NaN passes through), k by the 1.5·2²³ rounding trick, Cody–Waite r,
/// degree-7 Taylor polynomial by Horner, times 2^k built in the exponent bits.
EK_AVX2 static inline __m256 ek_exp8(__m256 value) {
    __m256 x = _mm256_max_ps(_mm256_set1_ps(-87.3f), value);  // -87.3 > v ? -87.3 : v
    x = _mm256_min_ps(_mm256_set1_ps(88.3f), x);              // 88.3 < x ? 88.3 : x
    const __m256 magic = _mm256_set1_ps(12582912.0f);
    __m256 shifted = _mm256_add_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)), magic);
    __m256 k = _mm256_sub_ps(shifted, magic);
    __m256 r = _mm256_add_ps(
        _mm256_sub_ps(x, _mm256_mul_ps(k, _mm256_set1_ps(0.693359375f))),
        _mm256_mul_ps(k, _mm256_set1_ps(2.1219444e-4f)));
    __m256 p = _mm256_set1_ps(1.0f / 5040.0f);
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 720.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 120.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 24.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f / 6.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(0.5f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f));
    p = _mm256_add_ps(_mm256_mul_ps(p, r), _mm256_set1_ps(1.0f));
    __m256i bits = _mm256_castps_si256(shifted);
    bits = _mm256_add_epi32(_mm256_sub_epi32(bits, _mm256_set1_epi32(0x4B400000)), _mm256_set1_epi32(127));
    return _mm256_mul_ps(p, _mm256_castsi256_ps(_mm256_slli_epi32(bits, 23)));
}

#endif
#endif
