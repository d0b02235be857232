import CBLAS
import Foundation

/// What OpenBLAS is doing at run time, and the fix for its slow-kernel trap (docs/performance.md): Debian's
/// OpenBLAS 0.3.21 detects recent CPUs as "Prescott" and runs sgemm several times slower than the
/// CPU allows. The core type can only be forced through `OPENBLAS_CORETYPE` at library load, so the
/// fix is to set it and re-execute the process once.
public enum BLASRuntime {
    /// Environment variable OpenBLAS reads at load to force a kernel.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// Set on re-exec so a child never re-executes again (loop guard).
    public static let reexecMarkerVariable = "GROKSCOPE_BLAS_REEXEC"

    /// The kernel OpenBLAS selected, e.g. `"Prescott"` or `"SkylakeX"`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name).trimmingCharacters(in: .whitespaces)
    }

    /// Default OpenBLAS thread count for training, chosen from CPU facts (docs/performance.md):
    /// with AVX-512 (OpenBLAS's SkylakeX kernels) one thread finishes the paper net's small products
    /// before a second one pays for its wake-up (measured here: 1 thread faster); with AVX2 only
    /// (Haswell/Zen kernels, half the vector width) each product takes twice as long and a second
    /// core pays off (measured on an AMD EPYC: 549 steps/s with 2 threads against 428 with 1).
    /// Never more than the cores we have. `--threads` overrides it.
    public static func recommendedThreads(features: CPUFeatures, cores: Int) -> Int {
        guard cores >= 2 else { return 1 }
        if features.bestOpenBLASCore == "SkylakeX" { return 1 }
        if features.bestOpenBLASCore == "Haswell" { return 2 }
        return 1
    }

    /// `recommendedThreads(features:cores:)` for this machine.
    public static let recommendedThreads = recommendedThreads(
        features: .current(), cores: ProcessInfo.processInfo.activeProcessorCount)

    /// Whether the running OpenBLAS kernel has a small-matrix path (SkylakeX and its successors in
    /// OpenBLAS 0.3.16+, when built with SMALL_MATRIX_OPT as Debian's is): products ≤ 10⁶ skip packing.
    public static var hasSmallMatrixKernel: Bool {
        ["skylakex", "cooperlake", "sapphirerapids"].contains(coreName.lowercased())
    }

    public static var threads: Int { Int(openblas_get_num_threads()) }

    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// `"OpenBLAS core SkylakeX (forced by OPENBLAS_CORETYPE), 1 thread, CPU: avx512f avx2"`.
    public static func describe() -> String {
        let forced =
            ProcessInfo.processInfo.environment[coreTypeVariable].flatMap { $0.isEmpty ? nil : $0 }.map {
                " (forced by \(coreTypeVariable)=\($0))"
            } ?? ""
        let flags = CPUFeatures.current().flags
        let notable = ["avx512f", "avx2", "fma", "avx"].filter(flags.contains).joined(separator: " ")
        let best = CPUFeatures.current().bestOpenBLASCore.map { "; CPU supports \($0)" } ?? ""
        return
            "OpenBLAS core \(coreName)\(forced), \(threads) thread\(threads == 1 ? "" : "s"), CPU flags: \(notable.isEmpty ? "none notable" : notable)\(best)"
    }

    /// What `ensureFastKernel` should do in a given situation.
    public enum KernelDecision: Equatable, Sendable {
        /// Keep running; the reason is for logs.
        case keep(reason: String)
        /// Set `OPENBLAS_CORETYPE` to this core and re-execute.
        case reexecute(coreType: String)
    }

    /// The pure decision: re-exec only when the user has not chosen a core, we have not re-executed
    /// already, and the CPU supports a core OpenBLAS ranks above the one it picked.
    public static func kernelDecision(
        environment: [String: String], detectedCore: String, features: CPUFeatures
    ) -> KernelDecision {
        if let chosen = environment[coreTypeVariable], !chosen.isEmpty {
            return .keep(reason: "\(coreTypeVariable)=\(chosen) is set")
        }
        if environment[reexecMarkerVariable] != nil {
            return .keep(reason: "already re-executed once; OpenBLAS still chose \(detectedCore)")
        }
        guard let best = features.bestOpenBLASCore else {
            return .keep(reason: "CPU has no AVX2/AVX-512; \(detectedCore) is appropriate")
        }
        guard let detectedRank = CPUFeatures.rank(ofCore: detectedCore) else {
            return .keep(reason: "unknown OpenBLAS core \(detectedCore); leaving it alone")
        }
        if detectedRank >= CPUFeatures.rank(ofCore: best)! {
            return .keep(reason: "OpenBLAS chose \(detectedCore), as good as the CPU allows")
        }
        return .reexecute(coreType: best)
    }

    /// Call first thing in `main`: when OpenBLAS picked a slower kernel than the CPU supports, sets
    /// `OPENBLAS_CORETYPE` and re-executes `/proc/self/exe` with the same arguments. Returns (with the
    /// reason) when no re-exec is needed or `execv` failed.
    @discardableResult
    public static func ensureFastKernel(arguments: [String] = CommandLine.arguments) -> KernelDecision {
        let decision = kernelDecision(
            environment: ProcessInfo.processInfo.environment, detectedCore: coreName, features: .current())
        guard case .reexecute(let core) = decision else { return decision }
        setenv(coreTypeVariable, core, 1)
        setenv(reexecMarkerVariable, "1", 1)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // Only reached when execv failed: undo, and run on with the slow kernel.
        for pointer in argv { free(pointer) }
        unsetenv(coreTypeVariable)
        return .keep(reason: "re-exec with \(coreTypeVariable)=\(core) failed (errno \(errno))")
    }
}
