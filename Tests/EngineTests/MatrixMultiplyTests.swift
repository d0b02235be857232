import Engine
import TestSupport
import Testing

@Suite("OpenBLAS sgemm against the naive twin")
struct MatrixMultiplyTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var m: Int, n: Int, k: Int
        var testDescription: String { "\(m)×\(k) · \(k)×\(n)" }
    }

    static let shapes = [
        Shape(m: 1, n: 1, k: 1), Shape(m: 7, n: 13, k: 5), Shape(m: 1, n: 17, k: 3), Shape(m: 33, n: 1, k: 9),
        Shape(m: 65, n: 31, k: 100),
    ]

    @Test(arguments: shapes)
    func blasMatchesNaiveForEveryTransposition(_ shape: Shape) {
        var generator = SplitMix64(seed: 7)
        let a = GradientChecker.randomValues(shape.m * shape.k, &generator)
        let b = GradientChecker.randomValues(shape.k * shape.n, &generator)
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let fast = MatrixMultiply.product(
                    a, b, m: shape.m, n: shape.n, k: shape.k, transposeA: transposeA, transposeB: transposeB)
                let slow = MatrixMultiply.product(
                    a, b, m: shape.m, n: shape.n, k: shape.k, transposeA: transposeA, transposeB: transposeB,
                    naive: true)
                #expect(
                    isApproximatelyEqual(fast.map(Double.init), slow.map(Double.init), absolute: 1e-5, relative: 1e-5),
                    "transposeA \(transposeA) transposeB \(transposeB)")
            }
        }
    }

    /// Products cut into row or depth slices (`sliceLimit`) equal one call, with alpha and beta
    /// (beta applies once: depth slices after the first accumulate).
    @Test(arguments: [1, 40, 500])
    func slicedProductsMatchTheNaiveTwin(limit: Int) {
        var generator = SplitMix64(seed: 9)
        for shape in [Shape(m: 33, n: 7, k: 20), Shape(m: 5, n: 6, k: 41), Shape(m: 17, n: 3, k: 17)] {
            let a = GradientChecker.randomValues(shape.m * shape.k, &generator)
            let b = GradientChecker.randomValues(shape.k * shape.n, &generator)
            let start = GradientChecker.randomValues(shape.m * shape.n, &generator)
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    var sliced = start
                    var slow = start
                    a.withUnsafeBufferPointer { a in
                        b.withUnsafeBufferPointer { b in
                            sliced.withUnsafeMutableBufferPointer {
                                MatrixMultiply.gemm(
                                    transposeA: transposeA, transposeB: transposeB, m: shape.m, n: shape.n, k: shape.k,
                                    alpha: 0.5, a: a.baseAddress!, b: b.baseAddress!, beta: 2, c: $0.baseAddress!,
                                    sliceLimit: limit)
                            }
                            slow.withUnsafeMutableBufferPointer {
                                MatrixMultiply.naiveGemm(
                                    transposeA: transposeA, transposeB: transposeB, m: shape.m, n: shape.n, k: shape.k,
                                    alpha: 0.5, a: a.baseAddress!, b: b.baseAddress!, beta: 2, c: $0.baseAddress!)
                            }
                        }
                    }
                    #expect(
                        isApproximatelyEqual(
                            sliced.map(Double.init), slow.map(Double.init), absolute: 1e-5, relative: 1e-5),
                        "\(shape.testDescription) transposeA \(transposeA) transposeB \(transposeB)")
                }
            }
        }
    }

    @Test func naiveTwinComputesAKnownProduct() {
        // [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]]; with A transposed: [[26,30],[38,44]].
        #expect(
            MatrixMultiply.product([1, 2, 3, 4], [5, 6, 7, 8], m: 2, n: 2, k: 2, naive: true) == [19, 22, 43, 50])
        #expect(
            MatrixMultiply.product([1, 2, 3, 4], [5, 6, 7, 8], m: 2, n: 2, k: 2, transposeA: true, naive: true) == [
                26, 30, 38, 44,
            ])
    }

    @Test func alphaAndBetaAccumulate() {
        var generator = SplitMix64(seed: 8)
        let (m, n, k) = (7, 13, 5)
        let a = GradientChecker.randomValues(m * k, &generator)
        let b = GradientChecker.randomValues(n * k, &generator)
        let start = GradientChecker.randomValues(m * n, &generator)
        var fast = start
        var slow = start
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                fast.withUnsafeMutableBufferPointer {
                    MatrixMultiply.gemm(
                        transposeA: false, transposeB: true, m: m, n: n, k: k, alpha: 0.5, a: a.baseAddress!,
                        b: b.baseAddress!, beta: 2, c: $0.baseAddress!)
                }
                slow.withUnsafeMutableBufferPointer {
                    MatrixMultiply.naiveGemm(
                        transposeA: false, transposeB: true, m: m, n: n, k: k, alpha: 0.5, a: a.baseAddress!,
                        b: b.baseAddress!, beta: 2, c: $0.baseAddress!)
                }
            }
        }
        #expect(isApproximatelyEqual(fast.map(Double.init), slow.map(Double.init), absolute: 1e-5, relative: 1e-5))
        #expect(!isApproximatelyEqual(fast.map(Double.init), start.map(Double.init), absolute: 1e-3))
    }
}
