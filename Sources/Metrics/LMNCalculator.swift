import CBLAS
import Dispatch
import Engine
import Foundation
import LMNKernels

/// The fast path of the LMN (same definition as `LMN.naive`; equal to it within 1e-7 relative on the
/// paper net's residual path, `LMNWorkspace+Residual.swift`, and within 1e-9 on the all-`Double` path).
///
/// Per pair only the 19 interior points are evaluated (λ = 0 and 1 are the probes' own outputs).
/// The first affine layer commutes with interpolation, so segments start from the precomputed
/// pre-activations `Z`; SiLU/tanh along a segment use a geometric exponential recurrence instead of
/// `exp`; the later layers are one `dgemm` (paper net: `sgemm` of the residuals) per block of pairs; `r²` needs only per-output moments,
/// reduced right after each block while it is in cache. Only `i < j` is computed (`L` is symmetric).
///
/// Keep one calculator per run: its buffers are sized for the probe count and the tail's shape and
/// reused across evaluations. Not reentrant: one `evaluate` at a time.
public final class LMNCalculator {
    public let probeCount: Int
    /// Worker threads of the LMN itself. Each calls BLAS on its own small blocks, so with more than one
    /// worker OpenBLAS is switched to one thread for the evaluation (and restored afterwards);
    /// otherwise the two kinds of threads fight over the cores.
    public let threads: Int
    /// Pairs per BLAS call (19 rows each); `nil` chooses per tail shape (`automaticPairsPerBlock`).
    public let pairsPerBlock: Int?
    /// Keep `L` in the result (for `--dump-lmn-matrix`).
    public var keepsMatrix: Bool
    /// Use the AVX2+FMA kernels when the CPU has them (default); `false` forces the portable Swift
    /// loops (tests compare both with the definition).
    public var usesVectorKernels = true {
        didSet { workspaceShape = nil }
    }

    /// The segment and moment kernels in AVX-512 when the CPU has it (default); `false` forces their AVX2
    /// twin (what AVX2-only machines such as AMD EPYC Zen 2/3 run; benches and tests compare both).
    public var usesWideKernels = true {
        didSet { workspaceShape = nil }
    }
    /// Whether this CPU can run the AVX2+FMA kernels.
    public static let vectorKernelsAvailable = lmn_kernels_available() != 0
    /// Whether this CPU can run the AVX-512 kernels.
    public static let wideKernelsAvailable = lmn_avx512_available() != 0

    let pairFirst: [Int32]
    let pairSecond: [Int32]
    private var workspaces: [LMNWorkspace] = []
    private var workspaceShape: LMNShape?

    /// The largest block whose last product stays within 10⁶ multiply-adds (OpenBLAS then takes its
    /// small-matrix kernel, measured ≈ 1.5× faster here; 16 pairs for the paper net), at most 64 pairs.
    public static func automaticPairsPerBlock(for tail: NetworkTail) -> Int {
        guard let last = tail.layers.last, tail.layers.count >= 2 else { return 32 }
        let perPair = LMNWorkspace.interior * paddedWidth(last.outputs) * last.inputs
        return min(max(1_000_000 / max(perPair, 1), 1), 64)
    }

    public init(probeCount: Int, threads: Int = 1, pairsPerBlock: Int? = nil, keepsMatrix: Bool = false) throws {
        guard probeCount >= 1 else { throw LMNError(.noProbes) }
        guard threads >= 1, threads <= 64 else { throw LMNError(.badOption("threads must be 1…64, got \(threads)")) }
        if let pairsPerBlock, pairsPerBlock < 1 {
            throw LMNError(.badOption("pairsPerBlock must be at least 1, got \(pairsPerBlock)"))
        }
        self.probeCount = probeCount
        self.threads = threads
        self.pairsPerBlock = pairsPerBlock
        self.keepsMatrix = keepsMatrix
        var first = [Int32]()
        var second = [Int32]()
        first.reserveCapacity(probeCount * (probeCount - 1) / 2)
        second.reserveCapacity(probeCount * (probeCount - 1) / 2)
        for i in 0..<probeCount {
            for j in (i + 1)..<max(i + 1, probeCount) {
                first.append(Int32(i))
                second.append(Int32(j))
            }
        }
        pairFirst = first
        pairSecond = second
    }

    /// LMN of `tail` on the probe representations `hidden` (`probeCount × tail.inputWidth`, row-major).
    public func evaluate(tail: NetworkTail, hidden: [Double]) throws -> LMNResult {
        try tail.validate(hidden: hidden, count: probeCount)
        let n = probeCount
        let prepared = LMNPreparedTail(tail: tail, hidden: hidden, count: n)
        let blockPairs = pairsPerBlock ?? Self.automaticPairsPerBlock(for: tail)
        if workspaceShape != prepared.shape {
            workspaces = (0..<threads).map { _ in
                LMNWorkspace(
                    strides: prepared.strides, pairs: blockPairs, residual: prepared.residualWeights != nil,
                    vectorKernels: usesVectorKernels, wideKernels: usesWideKernels)
            }
            workspaceShape = prepared.shape
        }
        var connectivity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { connectivity[i * n + i] = 1 }

        let pairCount = pairFirst.count
        let blockCount = (pairCount + blockPairs - 1) / blockPairs
        let workers = min(threads, max(blockCount, 1))
        connectivity.withUnsafeMutableBufferPointer { matrix in
            pairFirst.withUnsafeBufferPointer { first in
                pairSecond.withUnsafeBufferPointer { second in
                    let pairs = LMNPairs(first: first.baseAddress!, second: second.baseAddress!)
                    let target = matrix.baseAddress!
                    // Blocks are handed out one at a time: on a shared machine one worker may stall,
                    // and a fixed split would then wait for it.
                    let queue = LMNBlockQueue(count: blockCount)
                    // Shared by the workers without a lock, safely: worker w touches only workspaces[w],
                    // blocks come one at a time from the locked queue, and a block writes only its own
                    // pairs' entries of `target`; the inputs are read-only during the evaluation.
                    nonisolated(unsafe) let shared = (
                        calculator: self, pairs: pairs, target: target, prepared: prepared
                    )
                    let run: @Sendable (Int) -> Void = { worker in
                        while let block = queue.next() {
                            let start = block * blockPairs
                            let end = min(start + blockPairs, pairCount)
                            shared.calculator.workspaces[worker].process(
                                pairs: shared.pairs, range: start..<end, prepared: shared.prepared,
                                connectivity: shared.target, order: n)
                        }
                    }
                    if workers <= 1 {
                        run(0)
                    } else {
                        let blasThreads = openblas_get_num_threads()
                        openblas_set_num_threads(1)
                        defer { openblas_set_num_threads(blasThreads) }
                        DispatchQueue.concurrentPerform(iterations: workers, execute: run)
                    }
                }
            }
        }
        return try LMN.fromConnectivity(connectivity, count: n, keepMatrix: keepsMatrix)
    }
}

extension LMN {
    /// The fast path in one call (allocates a calculator; keep an `LMNCalculator` to reuse buffers).
    public static func fast(tail: NetworkTail, hidden: [Double], count: Int, threads: Int = 1) throws -> LMNResult {
        try LMNCalculator(probeCount: count, threads: threads, keepsMatrix: true).evaluate(tail: tail, hidden: hidden)
    }
}

/// Hands out block indices 0..<count to the workers, each once.
final class LMNBlockQueue: @unchecked Sendable {  // lock-guarded
    private let lock = NSLock()
    private var nextBlock = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextBlock < count else { return nil }
        nextBlock += 1
        return nextBlock - 1
    }
}

/// The pair list, `i = first[q] < j = second[q]`, as raw pointers for the workers.
struct LMNPairs {
    let first: UnsafePointer<Int32>
    let second: UnsafePointer<Int32>
}
