// swift-tools-version:6.0
import Foundation
import PackageDescription

// The target graph is the architecture (docs/architecture.md, "Targets", lists each one's imports):
//   C:        CBLAS (OpenBLAS), CNcurses (ncursesw), LMNKernels (AVX2 LMN loops), EngineKernels (AVX2 training loops)
//   training: Engine → Metrics → Runner (Runner also imports Phases, Snapshots, Publishing)
//   stream:   Snapshots ← TensorBoard ← Publishing; Snapshots ← Phases ← Monitor; Snapshots ← TextFormat;
//             Phases, TextFormat ← TUI ← CursesTerminal;
//             LiveView (Monitor + TUI: the monitor → dashboard adapter), Reports, Sweeps, Runs, RunsView on top
//   Benchmarks (timing for `grokscope bench`), and grokscope, the executable, which imports them all.
// Snapshots imports nothing of ours; the stream side never imports Engine, Metrics, Runner or CBLAS;
// only CursesTerminal imports CNcurses; no product module imports Benchmarks. The executable parses
// arguments and wires.

let package = Package(
    name: "grokscope",
    products: [
        .executable(name: "grokscope", targets: ["grokscope"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: []
)

// MARK: - System libraries (Debian packages through pkg-config)

package.targets += [
    .systemLibrary(
        name: "CBLAS", pkgConfig: "openblas",
        providers: [.apt(["libopenblas-dev"])]),
    // No pkgConfig here: ncursesw.pc adds -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, which SwiftPM
    // rejects with a "prohibited flag(s)" warning on every build. The module map links ncursesw and tinfo
    // itself; scripts/setup.sh installs libncurses-dev.
    .systemLibrary(name: "CNcurses"),
]

// MARK: - Training side

package.targets += [
    .target(name: "Engine", dependencies: ["CBLAS", "EngineKernels"]),
    .target(name: "EngineKernels"),  // C, AVX2+FMA element-wise training loops behind a runtime check
    .target(name: "LMNKernels"),  // C, AVX2+FMA behind a runtime check (docs/performance.md)
    .target(name: "Metrics", dependencies: ["Engine", "CBLAS", "LMNKernels"]),
    .target(name: "Runner", dependencies: ["Engine", "Metrics", "Phases", "Snapshots", "Publishing"]),
]

// MARK: - Stream and monitoring side (never imports the training side)

package.targets += [
    .target(name: "Snapshots"),
    .target(name: "TensorBoard", dependencies: ["Snapshots"]),
    .target(name: "Publishing", dependencies: ["Snapshots", "TensorBoard"]),
    .target(name: "Phases", dependencies: ["Snapshots"]),
    .target(name: "Monitor", dependencies: ["Snapshots", "Phases"]),
    .target(name: "TextFormat", dependencies: ["Snapshots"]),
    .target(name: "TUI", dependencies: ["Snapshots", "Phases", "TextFormat", "Yams"]),
    .target(name: "CursesTerminal", dependencies: ["TUI", "CNcurses"]),
    .target(name: "LiveView", dependencies: ["Publishing", "Monitor", "Phases", "Snapshots", "TextFormat", "TUI"]),
    .target(name: "Reports", dependencies: ["Phases", "Snapshots", "Publishing", "TextFormat", "TUI"]),
    .target(name: "Sweeps", dependencies: ["Snapshots", "Phases", "Publishing"]),
    .target(name: "Runs", dependencies: ["Snapshots", "Phases", "Monitor", "Sweeps", "Publishing", "TextFormat"]),
    .target(name: "RunsView", dependencies: ["Runs", "TUI", "Phases", "Monitor", "Snapshots", "Sweeps"]),
]

// MARK: - Benchmarks (timing entry points and their synthetic data, kept out of the product modules)

package.targets += [
    .target(
        name: "Benchmarks",
        dependencies: ["Engine", "Metrics", "Snapshots", "Publishing", "Monitor", "TUI", "Runs", "RunsView"])
]

// MARK: - Executable

package.targets += [
    .executableTarget(
        name: "grokscope",
        dependencies: [
            "Engine", "Metrics", "Runner", "Snapshots", "Publishing", "Phases", "Monitor", "TUI",
            "CursesTerminal", "LiveView", "Reports", "Sweeps", "TensorBoard", "Runs", "RunsView",
            "Benchmarks", "TextFormat", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ])
]

// MARK: - Tests

package.targets += [
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"]),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics", "Engine", "TestSupport"]),
    .testTarget(name: "RunnerTests", dependencies: ["Runner", "Engine", "Metrics", "Snapshots", "TestSupport"]),
    .testTarget(
        name: "SnapshotsTests", dependencies: ["Snapshots", "TestSupport"],
        resources: [.copy("Fixtures")]),
    .testTarget(name: "PublishingTests", dependencies: ["Publishing", "Snapshots", "TestSupport"]),
    .testTarget(
        name: "TensorBoardTests", dependencies: ["TensorBoard", "Publishing", "Snapshots", "Phases", "TestSupport"],
        resources: [.copy("Fixtures")]),
    .testTarget(
        name: "PhasesTests", dependencies: ["Phases", "Snapshots", "TestSupport"],
        resources: [.copy("Fixtures")]),
    .testTarget(name: "MonitorTests", dependencies: ["Monitor", "Phases", "Snapshots", "TestSupport"]),
    .testTarget(
        name: "TUITests",
        dependencies: ["TUI", "TextFormat", "LiveView", "Monitor", "Snapshots", "Phases", "TestSupport"],
        resources: [.copy("Golden")]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Phases", "Snapshots", "Publishing", "TestSupport"]),
    .testTarget(
        name: "LiveViewTests", dependencies: ["LiveView", "Publishing", "Monitor", "TUI", "Snapshots", "TestSupport"]),
    .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Phases", "Snapshots", "TestSupport"]),
    .testTarget(name: "RunsTests", dependencies: ["Runs", "RunsView", "TUI", "Phases", "Snapshots", "TestSupport"]),
    .testTarget(
        name: "BenchmarksTests", dependencies: ["Benchmarks", "Monitor", "Snapshots", "Publishing", "TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
]

// MARK: - Shared settings

/// Modules that stay in language mode 5 (docs/decisions.md): they talk to C globals strict concurrency
/// rejects — curses' stdscr/COLS and signal flags in CursesTerminal; stdio's `stdout` and the signal and
/// training threads' wiring in the executable.
let languageModeFive: Set<String> = ["CursesTerminal", "grokscope"]

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
for target in package.targets where target.type != .system {
    // Each module folder carries a README.md saying what it owns; it is documentation, not a resource.
    let folder = target.path ?? (target.type == .test ? "Tests/\(target.name)" : "Sources/\(target.name)")
    if FileManager.default.fileExists(atPath: "\(packageRoot)/\(folder)/README.md") {
        target.exclude.append("README.md")
    }
    // Swift 6 language mode (strict concurrency) everywhere but the modules listed in
    // `languageModeFive` (the tools-version default is 6).
    if languageModeFive.contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.swiftLanguageMode(.v5)]
    }
}
