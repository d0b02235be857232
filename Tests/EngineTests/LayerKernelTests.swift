import Engine
import Foundation
import Testing

/// The fused element-wise kernels: the AVX2 C loops (vector path) against their Swift twins
/// (portable path) and both against a scalar reference in Double, on sizes that are not multiples
/// of the 8-lane width. The vector path exists for Float; Double takes the portable loops on both.
@Suite("Fused layer kernels, vector and portable")
struct LayerKernelTests {
    /// Columns 1…17 cover full vectors, tails of every length, and a tail-only row.
    static let columnCounts = Array(1...17)

    static func values<S: EngineScalar>(_ count: Int, _ generator: inout SplitMix64, scale: Double = 3) -> [S] {
        (0..<count).map { _ in S(generator.nextUniform(-scale, scale)) }
    }

    static func biasSiLU<S: EngineScalar>(_ z: [S], bias: [S], rows: Int, path: KernelPath) -> (
        z: [S], y: [S], s: [S]
    ) {
        var z = z
        var y = [S](repeating: 0, count: z.count)
        var s = [S](repeating: 0, count: z.count)
        z.withUnsafeMutableBufferPointer { zp in
            y.withUnsafeMutableBufferPointer { yp in
                s.withUnsafeMutableBufferPointer { sp in
                    bias.withUnsafeBufferPointer { bp in
                        LayerKernels.biasSiLU(
                            zp.baseAddress!, bias: bp.baseAddress!, rows: rows, columns: bias.count,
                            activations: yp.baseAddress!, sigmoid: sp.baseAddress!, path: path)
                    }
                }
            }
        }
        return (z, y, s)
    }

    static func siluBackward<S: EngineScalar>(
        dy: [S], y: [S], s: [S], rows: Int, columns: Int, bias: [S], path: KernelPath
    ) -> (dz: [S], bias: [S]) {
        var dz = [S](repeating: 0, count: dy.count)
        var bias = bias
        dy.withUnsafeBufferPointer { dyp in
            y.withUnsafeBufferPointer { yp in
                s.withUnsafeBufferPointer { sp in
                    dz.withUnsafeMutableBufferPointer { dzp in
                        bias.withUnsafeMutableBufferPointer { bp in
                            LayerKernels.siluBackward(
                                outputGradient: dyp.baseAddress!, activations: yp.baseAddress!,
                                sigmoid: sp.baseAddress!, rows: rows, columns: columns, into: dzp.baseAddress!,
                                biasGradient: bp.baseAddress!, path: path)
                        }
                    }
                }
            }
        }
        return (dz, bias)
    }

    /// Bias + SiLU forward and the fused backward against SiLU and its derivative in Double.
    func checkSiLUAgainstReference<S: EngineScalar>(_: S.Type, path: KernelPath, tolerance: Double) {
        var generator = SplitMix64(seed: 21)
        for columns in Self.columnCounts {
            let rows = 3
            let z: [S] = Self.values(rows * columns, &generator)
            let bias: [S] = Self.values(columns, &generator, scale: 1)
            let dy: [S] = Self.values(rows * columns, &generator)
            let forward = Self.biasSiLU(z, bias: bias, rows: rows, path: path)
            let start: [S] = Self.values(columns, &generator)
            let backward = Self.siluBackward(
                dy: dy, y: forward.y, s: forward.s, rows: rows, columns: columns, bias: start, path: path)
            var biasReference = start.map(Double.init)
            for i in 0..<(rows * columns) {
                let t = Double(z[i]) + Double(bias[i % columns])
                let derivative = Double(dy[i]) * Activation.silu.derivative(t)
                #expect(forward.z[i] == z[i], "the product stays when y is another buffer")
                #expect(abs(Double(forward.y[i]) - Activation.silu.apply(t)) <= tolerance * max(1, abs(t)))
                #expect(abs(Double(backward.dz[i]) - derivative) <= tolerance * max(1, abs(derivative)))
                biasReference[i % columns] += derivative
            }
            for j in 0..<columns {
                #expect(
                    abs(Double(backward.bias[j]) - biasReference[j]) <= 10 * tolerance * max(1, abs(biasReference[j])))
            }
        }
    }

    @Test(arguments: KernelPath.allCases)
    func siluKernelsMatchTheDoubleReferenceInFloat(_ path: KernelPath) {
        checkSiLUAgainstReference(Float.self, path: path, tolerance: 1e-6)
    }

    @Test(arguments: KernelPath.allCases)
    func siluKernelsMatchTheDoubleReferenceInDouble(_ path: KernelPath) {
        checkSiLUAgainstReference(Double.self, path: path, tolerance: 1e-14)
    }

    // A trait, not #require: on a CPU without the kernels the test is skipped, not failed.
    @Test(.enabled(if: KernelPath.vectorAvailable, "no AVX2 on this CPU: only the portable path exists"))
    func vectorSiLUIsBitIdenticalToTheSwiftTwin() throws {
        var generator = SplitMix64(seed: 22)
        for columns in Self.columnCounts {
            let rows = 5
            var z: [Float] = Self.values(rows * columns, &generator, scale: 20)
            z[0] = 100
            z[rows * columns - 1] = -100
            let bias: [Float] = Self.values(columns, &generator)
            let vector = Self.biasSiLU(z, bias: bias, rows: rows, path: .avx2)
            let portable = Self.biasSiLU(z, bias: bias, rows: rows, path: .portable)
            #expect(vector.z == portable.z && vector.y == portable.y && vector.s == portable.s, "\(columns) columns")
            let dy: [Float] = Self.values(rows * columns, &generator)
            let start: [Float] = Self.values(columns, &generator)
            let backVector = Self.siluBackward(
                dy: dy, y: vector.y, s: vector.s, rows: rows, columns: columns, bias: start, path: .avx2)
            let backPortable = Self.siluBackward(
                dy: dy, y: vector.y, s: vector.s, rows: rows, columns: columns, bias: start, path: .portable)
            #expect(backVector.dz == backPortable.dz && backVector.bias == backPortable.bias, "\(columns) columns")
            var inPlace = z
            let sigmoid = [Float](unsafeUninitializedCapacity: z.count) { buffer, count in
                inPlace.withUnsafeMutableBufferPointer { zp in
                    bias.withUnsafeBufferPointer { bp in
                        LayerKernels.biasSiLU(
                            zp.baseAddress!, bias: bp.baseAddress!, rows: rows, columns: columns,
                            activations: zp.baseAddress!, sigmoid: buffer.baseAddress!, path: .avx2)
                    }
                }
                count = z.count
            }
            #expect(inPlace == portable.y && sigmoid == portable.s, "in place, \(columns) columns")
            // Negative control: a bias read one column off (the classic tail/offset bug) is caught.
            let shifted = Self.biasSiLU(z, bias: Array(bias.dropFirst()) + [bias[0]], rows: rows, path: .avx2)
            if columns > 1 { #expect(shifted.y != portable.y) }
        }
    }

    @Test func extremeAndNaNInputs() throws {
        for path in KernelPath.allCases {
            let z: [Float] = [100, -100, .nan, 88.5, -88.5, 0, .infinity, -.infinity, 1000]
            let forward = Self.biasSiLU(z, bias: [Float](repeating: 0, count: z.count), rows: 1, path: path)
            #expect(forward.y[0] == 100 && forward.s[0] == 1, "\(path)")
            #expect(abs(forward.y[1]) < 1e-30 && forward.s[1] >= 0, "\(path)")
            #expect(forward.y[2].isNaN && forward.s[2].isNaN, "\(path): NaN stays NaN")
            #expect(forward.y[6] == .infinity && forward.y[8] == 1000, "\(path)")
            var buffer: [Float] = [100, -100, .nan, 0, 1, -1, 50, -50, 0.5, 88.3, -87.3]
            let scalar = buffer.map(VectorExp.exp)
            buffer.withUnsafeMutableBufferPointer {
                VectorExp.exponentiate($0.baseAddress!, count: $0.count, path: path)
            }
            #expect(buffer[2].isNaN, "\(path): exp(NaN) is NaN")
            #expect(buffer[0].isFinite && buffer[0] > 1e38 && buffer[1] >= 0 && buffer[1] < 1e-37, "\(path)")
            // AVX2 and Swift agree bit for bit; AVX-512 (FMA inside) within 2 ulp.
            let ulps = path == .avx512 ? 2 : 0
            #expect(zip(buffer, scalar).allSatisfy { Self.withinUlps($0, $1, ulps) }, "\(path)")
        }
    }

    static func withinUlps(_ a: Float, _ b: Float, _ ulps: Int) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(Int(a.bitPattern) - Int(b.bitPattern)) <= ulps
    }

    @Test(.enabled(if: KernelPath.avx512Available, "no AVX-512 on this CPU (AVX2-only machines run the AVX2 path)"))
    func avx512SiLUAndExpAreWithinTwoUlpsOfTheSwiftTwin() throws {
        var generator = SplitMix64(seed: 25)
        for columns in Self.columnCounts + [31, 32, 33] {
            let rows = 4
            var z: [Float] = Self.values(rows * columns, &generator, scale: 20)
            z[0] = 100
            let bias: [Float] = Self.values(columns, &generator)
            let wide = Self.biasSiLU(z, bias: bias, rows: rows, path: .avx512)
            let portable = Self.biasSiLU(z, bias: bias, rows: rows, path: .portable)
            #expect(wide.z == portable.z, "\(columns) columns")
            #expect(zip(wide.s, portable.s).allSatisfy { Self.withinUlps($0, $1, 2) }, "\(columns) columns")
            #expect(zip(wide.y, portable.y).allSatisfy { Self.withinUlps($0, $1, 3) }, "\(columns) columns")
            let dy: [Float] = Self.values(rows * columns, &generator)
            let start = [Float](repeating: 0, count: columns)
            let back = Self.siluBackward(
                dy: dy, y: portable.y, s: portable.s, rows: rows, columns: columns, bias: start, path: .avx512)
            let reference = Self.siluBackward(
                dy: dy, y: portable.y, s: portable.s, rows: rows, columns: columns, bias: start, path: .portable)
            for (a, b) in zip(back.dz, reference.dz) { #expect(abs(a - b) <= 1e-6 * max(1, abs(b))) }
            for (a, b) in zip(back.bias, reference.bias) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
            // Negative control: a wrong bias is far outside 2 ulp.
            let wrong = Self.biasSiLU(z, bias: bias.map { $0 + 1e-3 }, rows: rows, path: .avx512)
            #expect(!zip(wrong.y, portable.y).allSatisfy { Self.withinUlps($0, $1, 2) })
        }
        var buffer: [Float] = Self.values(37, &generator, scale: 90)
        let scalar = buffer.map(VectorExp.exp)
        buffer.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: 37, path: .avx512) }
        #expect(zip(buffer, scalar).allSatisfy { Self.withinUlps($0, $1, 2) })
    }

    @Test func vectorExpIsBitIdenticalOnOddLengths() {
        var generator = SplitMix64(seed: 23)
        for count in [1, 7, 8, 9, 37] {
            var buffer: [Float] = Self.values(count, &generator, scale: 90)
            let scalar = buffer.map(VectorExp.exp)
            buffer.withUnsafeMutableBufferPointer {
                VectorExp.exponentiate($0.baseAddress!, count: count, path: .avx2)
            }
            #expect(buffer == scalar, "\(count) values")
        }
    }

    func columnSums<S: EngineScalar>(_ g: [S], rows: Int, start: [S], path: KernelPath) -> [S] {
        var sums = start
        g.withUnsafeBufferPointer { gp in
            sums.withUnsafeMutableBufferPointer { sp in
                LayerKernels.addColumnSums(
                    gp.baseAddress!, rows: rows, columns: start.count, into: sp.baseAddress!, path: path)
            }
        }
        return sums
    }

    @Test func columnSumsAndBiasAddAgreeOnBothPathsAndPrecisions() {
        var generator = SplitMix64(seed: 24)
        for columns in Self.columnCounts {
            let rows = 6
            let g: [Float] = Self.values(rows * columns, &generator)
            let start: [Float] = Self.values(columns, &generator)
            var reference = start
            for i in 0..<(rows * columns) { reference[i % columns] += g[i] }
            #expect(columnSums(g, rows: rows, start: start, path: .avx2) == reference, "\(columns) columns")
            #expect(columnSums(g, rows: rows, start: start, path: .portable) == reference)
            let g64 = g.map(Double.init)
            var reference64 = start.map(Double.init)
            for i in 0..<(rows * columns) { reference64[i % columns] += g64[i] }
            #expect(columnSums(g64, rows: rows, start: start.map(Double.init), path: .avx2) == reference64)
            // Negative control: dropping the last row changes the sums.
            #expect(columnSums(Array(g.dropLast(columns)), rows: rows - 1, start: start, path: .avx2) != reference)
            for path in KernelPath.allCases {
                let layer = Linear(inputs: 1, outputs: columns)
                let x: [Float] = [0, 0]
                let y = layer.forward(
                    x, rows: 2, weight: [Float](repeating: 1, count: columns), bias: start, path: path)
                #expect(y == start + start, "\(path): a zero input gives the bias on every row")
            }
        }
    }
}
