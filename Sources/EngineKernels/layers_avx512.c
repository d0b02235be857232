// AVX-512 forms of the two heaviest layer kernels (SiLU forward and backward; see
// include/EngineKernels.h), for CPUs whose OpenBLAS kernel is SkylakeX anyway. 16 lanes, native
// tail masks, and FMA in exp's reduction and polynomial: within 2 ulp of the Swift twin, not
// bit-identical to it (the AVX2 forms are).
#include "EngineKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include "exp_method.h"

#define EK_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,fma")))

int engine_kernels_avx512_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}

EK_AVX512 static inline __mmask16 ek_mask16(long n) { return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1); }

/// VectorExp.exp's method on 16 lanes with FMA (exp_method.h; NaN passes the clamps, as there).
EK_DEFINE_EXP(ek_exp16, EK_AVX512, __m512, __m512i, _mm512_set1_ps, _mm512_set1_epi32, _mm512_max_ps, _mm512_min_ps,
              _mm512_sub_ps, _mm512_mul_ps, _mm512_fmadd_ps, _mm512_fnmadd_ps, _mm512_castps_si512,
              _mm512_castsi512_ps, _mm512_sub_epi32, _mm512_slli_epi32)

EK_AVX512 void ek_exp_f32_avx512(const float *x, float *out, long count) {
    for (long i = 0; i < count; i += 16) {
        __mmask16 m = ek_mask16(count - i);
        _mm512_mask_storeu_ps(out + i, m, ek_exp16(_mm512_maskz_loadu_ps(m, x + i)));
    }
}

EK_AVX512 void ek_bias_silu_f32_avx512(const float *z, const float *bias, long rows, long cols, float *y, float *s) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (long row = 0; row < rows; row++) {
        const float *zr = z + row * cols;
        float *yr = y + row * cols, *sr = s + row * cols;
        for (long j = 0; j < cols; j += 16) {
            __mmask16 m = ek_mask16(cols - j);
            __m512 t = _mm512_add_ps(_mm512_maskz_loadu_ps(m, zr + j), _mm512_maskz_loadu_ps(m, bias + j));
            __m512 sigmoid = _mm512_div_ps(one, _mm512_add_ps(one, ek_exp16(_mm512_sub_ps(_mm512_setzero_ps(), t))));
            _mm512_mask_storeu_ps(sr + j, m, sigmoid);
            _mm512_mask_storeu_ps(yr + j, m, _mm512_mul_ps(t, sigmoid));
        }
    }
}

EK_AVX512 void ek_silu_backward_f32_avx512(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (long row = 0; row < rows; row++) {
        long o = row * cols;
        for (long j = 0; j < cols; j += 16) {
            __mmask16 m = ek_mask16(cols - j);
            __m512 sv = _mm512_maskz_loadu_ps(m, s + o + j);
            __m512 derivative = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, y + o + j), _mm512_sub_ps(one, sv), sv);
            __m512 g = _mm512_mul_ps(_mm512_maskz_loadu_ps(m, dy + o + j), derivative);
            _mm512_mask_storeu_ps(dz + o + j, m, g);
            _mm512_mask_storeu_ps(bias_gradient + j, m, _mm512_add_ps(_mm512_maskz_loadu_ps(m, bias_gradient + j), g));
        }
    }
}

#else

int engine_kernels_avx512_available(void) { return 0; }
void ek_exp_f32_avx512(const float *x, float *out, long count) {}
void ek_bias_silu_f32_avx512(const float *z, const float *bias, long rows, long cols, float *y, float *s) {}
void ek_silu_backward_f32_avx512(
    const float *dy, const float *y, const float *s, long rows, long cols, float *dz, float *bias_gradient) {}

#endif
