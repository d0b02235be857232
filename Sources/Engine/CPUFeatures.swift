import Foundation

/// The CPU's instruction-set flags (from /proc/cpuinfo) and the OpenBLAS core they deserve.
public struct CPUFeatures: Sendable, Equatable {
    public var flags: Set<String>

    public init(flags: Set<String>) { self.flags = flags }

    /// Parses the first `flags : …` line of a /proc/cpuinfo text.
    public init(cpuinfo: String) {
        let line = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }
        let values = line.flatMap { $0.split(separator: ":", maxSplits: 1).last } ?? ""
        self.flags = Set(values.split(separator: " ").map(String.init))
    }

    /// This machine's features (empty when /proc/cpuinfo is unreadable, e.g. not Linux).
    public static func current() -> CPUFeatures {
        CPUFeatures(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
    }

    /// The best x86 core OpenBLAS 0.3.x can run here: SkylakeX needs AVX-512 F/BW/VL/DQ
    /// (OpenBLAS checks the same set), Haswell needs AVX2 and FMA.
    public var bestOpenBLASCore: String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// OpenBLAS's x86-64 cores from slowest to fastest generation (case-insensitive);
    /// `nil` for a name we do not know (we never override what we do not understand).
    public static func rank(ofCore core: String) -> Int? {
        let order = [
            "prescott", "core2", "penryn", "dunnington", "nehalem", "barcelona", "bobcat", "bulldozer",
            "piledriver", "steamroller", "excavator", "sandybridge", "haswell", "zen", "skylakex",
            "cooperlake", "sapphirerapids",
        ]
        return order.firstIndex(of: core.lowercased())
    }
}
