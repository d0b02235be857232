// VectorExp.exp's method (Engine/VectorExp.swift) as one macro body for every vector width, so the
// 8- and 16-lane kernels cannot drift apart: clamp to [−87.3, 88.3] (NaN passes through), k by the
// 1.5·2²³ rounding trick, Cody–Waite r, degree-7 Taylor polynomial by Horner, times 2^k built in the
// exponent bits. MADD(a, b, c) = a·b + c and NMADD(a, b, c) = c − a·b are either two rounded
// operations (bit-identical to the Swift twin) or fused (FMA: within 2 ulp of it).
#ifndef ENGINE_KERNELS_EXP_METHOD_H
#define ENGINE_KERNELS_EXP_METHOD_H

#define EK_DEFINE_EXP(NAME, ATTR, VEC, VECI, SET1, SET1I, MAX, MIN, SUB, MUL, MADD, NMADD, TO_INT, TO_FLOAT, SUBI, \
                      SHIFT_LEFT)                                                                                  \
    ATTR static inline VEC NAME(VEC value) {                                                                       \
        VEC x = MAX(SET1(-87.3f), value);                                                                          \
        x = MIN(SET1(88.3f), x);                                                                                   \
        const VEC magic = SET1(12582912.0f);                                                                       \
        VEC shifted = MADD(x, SET1(1.44269504f), magic);                                                           \
        VEC k = SUB(shifted, magic);                                                                               \
        VEC r = NMADD(k, SET1(0.693359375f), x);                                                                   \
        r = MADD(k, SET1(2.1219444e-4f), r);                                                                       \
        VEC p = SET1(1.0f / 5040.0f);                                                                              \
        p = MADD(p, r, SET1(1.0f / 720.0f));                                                                       \
        p = MADD(p, r, SET1(1.0f / 120.0f));                                                                       \
        p = MADD(p, r, SET1(1.0f / 24.0f));                                                                        \
        p = MADD(p, r, SET1(1.0f / 6.0f));                                                                         \
        p = MADD(p, r, SET1(0.5f));                                                                                \
        p = MADD(p, r, SET1(1.0f));                                                                                \
        p = MADD(p, r, SET1(1.0f));                                                                                \
        VECI bits = SUBI(TO_INT(shifted), SET1I(0x4B400000 - 127));                                                \
        return MUL(p, TO_FLOAT(SHIFT_LEFT(bits, 23)));                                                             \
    }

// Unfused forms: (a·b) + c and c − (a·b), rounded twice as the Swift twins do.
#define EK_MADD256(a, b, c) _mm256_add_ps(_mm256_mul_ps(a, b), c)
#define EK_NMADD256(a, b, c) _mm256_sub_ps(c, _mm256_mul_ps(a, b))
#define EK_MADD512(a, b, c) _mm512_add_ps(_mm512_mul_ps(a, b), c)
#define EK_NMADD512(a, b, c) _mm512_sub_ps(c, _mm512_mul_ps(a, b))

#endif
