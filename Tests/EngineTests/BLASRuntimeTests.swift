import Engine
import Testing

@Suite("OpenBLAS kernel choice")
struct BLASRuntimeTests {
    static let skylake = CPUFeatures(
        cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw avx512vl avx512dq\n")
    static let haswell = CPUFeatures(flags: ["sse2", "avx", "avx2", "fma"])
    static let old = CPUFeatures(flags: ["sse2", "sse3"])

    @Test func cpuinfoFlagsPickTheBestCore() {
        #expect(Self.skylake.bestOpenBLASCore == "SkylakeX")
        #expect(Self.haswell.bestOpenBLASCore == "Haswell")
        #expect(Self.old.bestOpenBLASCore == nil)
        #expect(
            CPUFeatures(flags: ["avx2", "fma", "avx512f"]).bestOpenBLASCore == "Haswell", "AVX-512F alone is not enough"
        )
    }

    @Test func reexecutesOnlyWhenTheDetectedCoreIsWorse() {
        typealias Decision = BLASRuntime.KernelDecision
        #expect(
            BLASRuntime.kernelDecision(environment: [:], detectedCore: "Prescott", features: Self.skylake)
                == .reexecute(coreType: "SkylakeX"))
        #expect(
            BLASRuntime.kernelDecision(environment: [:], detectedCore: "Prescott", features: Self.haswell)
                == .reexecute(coreType: "Haswell"))
        // Already the best core, a better-than-needed core, no AVX2: keep, whatever the core names.
        let keeps = [
            BLASRuntime.kernelDecision(environment: [:], detectedCore: "SkylakeX", features: Self.skylake),
            BLASRuntime.kernelDecision(environment: [:], detectedCore: "Zen", features: Self.haswell),
            BLASRuntime.kernelDecision(environment: [:], detectedCore: "Prescott", features: Self.old),
        ]
        for decision in keeps {
            guard case .keep = decision else {
                Issue.record("expected keep, got \(decision)")
                continue
            }
        }
    }

    @Test func userChoiceAndLoopGuardWin() {
        let userSet = BLASRuntime.kernelDecision(
            environment: ["OPENBLAS_CORETYPE": "Haswell"], detectedCore: "Prescott", features: Self.skylake)
        let guarded = BLASRuntime.kernelDecision(
            environment: [BLASRuntime.reexecMarkerVariable: "1"], detectedCore: "Prescott", features: Self.skylake)
        let unknown = BLASRuntime.kernelDecision(environment: [:], detectedCore: "Mystery9000", features: Self.skylake)
        for decision in [userSet, guarded, unknown] {
            guard case .keep = decision else {
                Issue.record("expected keep, got \(decision)")
                continue
            }
        }
        // The description reports the running kernel and thread count, not a fixed text.
        let description = BLASRuntime.describe()
        #expect(description.hasPrefix("OpenBLAS core \(BLASRuntime.coreName)"))
        #expect(description.contains("\(BLASRuntime.threads) thread"))
    }

    @Test func threadDefaultFollowsTheVectorWidth() {
        // AVX2-only machines (AMD EPYC measured) gain from a second thread; AVX-512 ones do not.
        #expect(BLASRuntime.recommendedThreads(features: Self.haswell, cores: 2) == 2)
        #expect(BLASRuntime.recommendedThreads(features: Self.haswell, cores: 64) == 2)
        #expect(BLASRuntime.recommendedThreads(features: Self.skylake, cores: 2) == 1)
        // One core, or no vector unit worth splitting for: one thread.
        #expect(BLASRuntime.recommendedThreads(features: Self.haswell, cores: 1) == 1)
        #expect(BLASRuntime.recommendedThreads(features: Self.old, cores: 8) == 1)
    }
}
