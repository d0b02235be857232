import Metrics
import TestSupport
import Testing

@Suite struct LMNEigenvalueTests {
    @Test(arguments: [1, 2, 5, 12, 30])
    func lapackAgreesWithJacobi(order: Int) throws {
        var random = LMNTestRandom(seed: UInt64(order))
        var matrix = [Double](repeating: 0, count: order * order)
        for i in 0..<order {
            for j in i..<order {
                let value = random.symmetric(1)
                matrix[i * order + j] = value
                matrix[j * order + i] = value
            }
        }
        let lapack = try SymmetricEigenvalues.lapack(matrix, order: order)
        let jacobi = SymmetricEigenvalues.jacobi(matrix, order: order)
        #expect(
            isApproximatelyEqual(lapack, jacobi, absolute: 1e-12, relative: 1e-11),
            "max relative difference \(maxRelativeDifference(lapack, jacobi))")
        let trace = (0..<order).map { matrix[$0 * order + $0] }.reduce(0, +)
        #expect(isApproximatelyEqual(lapack.reduce(0, +), trace, absolute: 1e-12))
    }

    @Test func knownSpectrum() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        #expect(isApproximatelyEqual(try SymmetricEigenvalues.lapack([2, 1, 1, 2], order: 2), [1, 3]))
        #expect(isApproximatelyEqual(SymmetricEigenvalues.jacobi([2, 1, 1, 2], order: 2), [1, 3]))
        #expect(!isApproximatelyEqual(SymmetricEigenvalues.jacobi([2, 1, 1, 2], order: 2), [2, 2]))
    }

    @Test func entropyOfUniformAndPointSpectra() {
        #expect(isApproximatelyEqual(LMN.spectralEntropy(eigenvalues: [1, 1, 1, 1]).value, 4))
        #expect(LMN.spectralEntropy(eigenvalues: [0, 0, 5]).value == 1)
        // |μ| is used: a negative eigenvalue counts like a positive one.
        #expect(isApproximatelyEqual(LMN.spectralEntropy(eigenvalues: [-2, 2]).value, 2))
    }
}
