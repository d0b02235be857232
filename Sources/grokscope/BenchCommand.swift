import ArgumentParser
import Benchmarks
import Engine
import Foundation
import Metrics
import Monitor
import Phases
import Publishing
import Runner
import Snapshots
import TUI

/// `grokscope bench`: the performance targets of every layer, measured here, as medians.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training, LMN, stream, monitor and rendering speed on this machine (medians).",
        discussion: "Example: grokscope bench --quick")

    @Flag(help: "Fewer repetitions and smaller sizes (a smoke run).")
    var quick = false
    @Option(
        help:
            "Run one part only; 'train-rate' prints only the paper-add steps/s (for scripts/bench-vs-pytorch.sh)."
    )
    var only: BenchPart?
    @Option(help: "OpenBLAS threads for 'train-rate' (default: the training default of this CPU).")
    var threads: Int?
    @Flag(help: "(internal) Leave out the naive LMN (for A/B runs of the fast path alone).")
    var skipNaive = false
    @Option(help: "(internal) MatrixMultiply.sliceLimit for 'train-rate' (0 = one call per product).")
    var gemmSlice: Int?
    @Option(help: "(internal) LMN pairs per BLAS call, to tune the block size.")
    var lmnBlock: Int?
    @Option(help: "'runs-live': live writers appending to one folder the runs table follows.")
    var liveWriters = 100
    @Option(help: "'runs-live': evaluations per second per writer.")
    var liveRate = 10.0
    @Option(help: "'runs-live': seconds of writing (default 10, 3 with --quick).")
    var liveSeconds: Double?
    @Option(help: "(internal) LMN inner loops: auto (the CPU's best), avx2 (the AVX-512 kernel's twin), portable.")
    var lmnKernel: LMNBenchmark.Kernel = .auto
    @Option(help: "(internal) LMN thread counts to time, e.g. 1 (default: 1 and 2).")
    var lmnThreads: [Int] = []
    @Option(help: "(internal) the stream file for the 'load' part, run in a child process for an honest peak RSS.")
    var loadFile: String?

    func run() throws {
        if let loadFile {
            try measureLoad(loadFile)
            return
        }
        let parts = only.map { [$0] } ?? BenchPart.all
        for part in parts {
            switch part {
            case .kernel: kernel()
            case .train: try train()
            case .trainRate: try trainRate()
            case .precision: try precision()
            case .grok: try grok()
            case .lmn: try lmn()
            case .stream: stream()
            case .load: try load()
            case .render: render()
            case .runsLive: try runsLive()
            }
            fflush(stdout)
        }
    }

    private var repetitions: Int { quick ? 1 : 5 }

    func kernel() {
        row("BLAS kernel", BLASRuntime.describe())
        row(
            "CPU",
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, default \(BLASRuntime.recommendedThreads) training thread\(BLASRuntime.recommendedThreads == 1 ? "" : "s") (docs/performance.md)"
        )
    }

    func train() throws {
        for threads in [1, 2] {
            let samples = try (0..<repetitions).map { _ in
                try TrainingBenchmark.stepsPerSecond(preset: .paperAdd, steps: quick ? 300 : 2000, threads: threads)
            }
            row(
                "train paper-add, \(threads) thread\(threads > 1 ? "s" : "")",
                String(
                    format: "%.0f steps/s (median of %d%@)", median(samples), samples.count,
                    threads == BLASRuntime.recommendedThreads ? "; this CPU's default" : ""))
        }
        BLASRuntime.setThreads(BLASRuntime.recommendedThreads)
    }

    /// One paper-add steps/s measurement alone, for the side-by-side rounds against PyTorch
    /// (scripts/bench-vs-pytorch.sh takes the median over rounds).
    func trainRate() throws {
        let count = threads ?? BLASRuntime.recommendedThreads
        guard (1...64).contains(count) else { throw UsageError("--threads must be between 1 and 64") }
        if let gemmSlice { MatrixMultiply.sliceLimit = gemmSlice > 0 ? gemmSlice : nil }
        let rate = try TrainingBenchmark.rate(preset: .paperAdd, steps: quick ? 300 : 2000, threads: count)
        print(String(format: "%.1f %.1f", rate.wall, rate.cpu))
    }

    /// Training speed in float32 against float64 (`--precision`), alternating within one run so
    /// machine load hits both alike.
    func precision() throws {
        var f32: [Double] = []
        var f64: [Double] = []
        for _ in 0..<repetitions {
            for precision in Precision.allCases {
                let rate = try TrainingBenchmark.stepsPerSecond(
                    preset: .paperAdd, steps: quick ? 300 : 2000, threads: 1, precision: precision)
                if precision == .f32 { f32.append(rate) } else { f64.append(rate) }
            }
        }
        row(
            "train paper-add f32 vs f64",
            String(
                format: "%.0f vs %.0f steps/s: f64 is ×%.2f slower (medians of %d, 1 thread)", median(f32),
                median(f64), median(f32) / median(f64), f32.count))
        BLASRuntime.setThreads(BLASRuntime.recommendedThreads)
    }

    /// Headless paper-add with LMN every 100 steps until t_gen is confirmed (test accuracy 100%).
    func grok() throws {
        var config = SessionConfiguration(
            training: TrainingPreset.paperAdd.configuration, presetName: "paper-add", runID: "bench", runName: "bench")
        config.lmnEvery = 100
        config.checkpointPath = nil
        let sink = GeneralizationWatch()
        let session = try TrainingSession(configuration: config, sink: sink, stopFlag: sink.stop)
        let probe = try LMNProbe(dataset: session.trainer.dataset, seed: 0)
        session.lmn = { model, step in probe.measure(model, step: step) }
        let start = Date()
        let outcome = session.run()
        let seconds = Date().timeIntervalSince(start)
        let tGen = sink.detector.report.generalization.map { "t_gen \($0.step)" } ?? "no t_gen"
        row(
            "paper-add to t_gen, LMN/100",
            String(
                format: "%.1f s wall (%@, stopped at step %d; target ≤ 60 s)",
                seconds, tGen, outcome.step))
    }

    /// The fast LMN at N = 128/256/512 on one and two threads, and the naive definition at N = 128
    /// in the same run (docs/lmn.md: both compute the same number; docs/performance.md).
    func lmn() throws {
        row(
            "LMN kernels",
            lmnKernel == .auto ? LMNBenchmark.kernelDescription : "forced \(lmnKernel.rawValue) (--lmn-kernel)")
        for n in quick ? [128] : [128, 256, 512] {
            for threads in lmnThreads.isEmpty ? [1, 2] : lmnThreads {
                let m = try LMNBenchmark.run(
                    probes: n, repetitions: quick ? 2 : (n > 256 ? 3 : 7), threads: threads,
                    pairsPerBlock: lmnBlock, kernel: lmnKernel)
                row(
                    "LMN N=\(n), \(threads) thread\(threads > 1 ? "s" : "")",
                    String(
                        format: "%.1f ms wall, %.1f ms CPU (medians of %d%@)", m.medianSeconds * 1000,
                        m.medianCPUSeconds * 1000, m.repetitions,
                        n == 128 && threads == 1 ? "; target ≤ 10 ms" : ""))
            }
        }
        if skipNaive { return }
        let naive = try LMNBenchmark.naive(probes: 128, repetitions: quick ? 1 : 3)
        row(
            "LMN N=128 naive definition",
            String(
                format: "%.0f ms wall, %.0f ms CPU (median of %d; LMN %.9g vs fast %.9g)", naive.medianSeconds * 1000,
                naive.medianCPUSeconds * 1000, naive.repetitions, naive.value, naive.fastValue))
    }

    func stream() {
        let count = quick ? 100_000 : 1_000_000
        let decode = (0..<(quick ? 1 : 3)).map { _ in StreamBenchmark.decodeTimes(records: count).wall }
        row("decode \(count) records", String(format: "%.2f s (median)", median(decode)))
        row("encode", String(format: "%.0f records/s", StreamBenchmark.encodeRate(records: count / 10)))
        row("channel send", String(format: "%.0f ns per record, consumer never reads", ChannelBenchmark.sendCost()))
        let ingest = MonitorBenchmark.ingest(records: count)
        row(
            "monitor ingest \(count)",
            String(format: "%.2f s, state %.1f MB", ingest.seconds, Double(ingest.stateBytes) / 1e6))
    }

    /// Writes a 10^6-record log, then times a child `grokscope` reading it into a monitor state.
    func load() throws {
        let count = quick ? 100_000 : 1_000_000
        let path = NSTemporaryDirectory() + "grokscope-bench-\(getpid()).ndjson"
        defer { unlink(path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(StreamBenchmark.sampleStream(records: count)))
        else {
            throw RunFailure("cannot write \(path)")
        }
        var samples: [Double] = []
        var peak = 0
        for _ in 0..<(quick ? 1 : 3) {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["bench", "--load-file", path]
            let pipe = Pipe()
            child.standardOutput = pipe
            try child.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            let fields = output.split(separator: " ")
            if fields.count == 2, let s = Double(fields[0]),
                let kb = Int(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
            {
                samples.append(s)
                peak = max(peak, kb)
            }
        }
        row(
            "load \(count)-record log → monitor",
            String(
                format: "%.2f s (median), peak RSS %.0f MB (targets ≤ 3 s, ≤ 100 MB)", median(samples),
                Double(peak) / 1024))
    }

    /// Child side of `load`: prints "seconds peakKiB".
    func measureLoad(_ path: String) throws {
        let start = Date()
        var state = MonitorState()
        var reader = StreamReader()
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RunFailure("cannot open \(path)") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4 << 20)
        var records: [Record] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            records.removeAll(keepingCapacity: true)
            buffer.withUnsafeBytes { reader.consume(UnsafeRawBufferPointer(rebasing: $0[0..<n]), into: &records) }
            state.ingest(contentsOf: records)
        }
        _ = state.snapshot()
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "%.3f", seconds), StreamBenchmark.peakResidentKiB() ?? 0)
    }

    func render() {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            row(
                "render+diff \(w)×\(h)",
                String(
                    format: "%.2f ms per frame (median%@)",
                    RenderBenchmark.frame(width: w, height: h),
                    w == 200 ? "; target ≤ 5 ms" : ""))
        }
    }

    /// Live writers → runs table lag (docs/runs-table.md, "Live writers").
    func runsLive() throws {
        let r = try LiveRunsBenchmark.run(
            writers: max(1, liveWriters), rate: max(0.1, liveRate), seconds: liveSeconds ?? (quick ? 3 : 10))
        row(
            "runs table, \(r.writers) writers × \(Int(r.rate))/s",
            String(
                format: "lag median %.0f ms, p99 %.0f ms, max %.0f ms (target ≤ 1 s); %d of %d lines shown",
                1000 * r.percentile(0.5), 1000 * r.percentile(0.99), 1000 * (r.lags.last ?? .nan), r.lags.count,
                r.lags.count + r.missing))
        row(
            "",
            String(
                format: "table thread CPU %.1f %% of a core, %d frames in %.0f s; writer CPU %.1f %%, late ≤ %.0f ms",
                100 * r.tableCPUShare, r.frames, r.seconds, 100 * r.writerCPU / r.seconds, 1000 * r.writerLateMax))
    }

    func row(_ name: String, _ value: String) {
        print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + value)
    }

    func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// `bench --only`: one part of the benchmark.
enum BenchPart: String, CaseIterable, ExpressibleByArgument {
    case kernel, train, trainRate = "train-rate", precision, grok, lmn, stream, load, render
    case runsLive = "runs-live"

    /// The parts a plain `grokscope bench` runs, in order (`train-rate` is for scripts only).
    static let all: [BenchPart] = [
        .kernel, .train, .precision, .lmn, .grok, .stream, .load, .render, .runsLive,
    ]
}

/// A sink that runs the phase detector on the evaluations and asks training to stop once t_gen is
/// confirmed (the `grok` benchmark).
final class GeneralizationWatch: RecordSink {
    let stop = StopFlag()
    var detector = PhaseDetector(rules: .paper)

    func write(_ record: Record) {
        detector.ingest(record)
        if detector.report.generalization?.isConfirmed == true { stop.requestStop() }
    }

    func flush() {}
}
extension LMNBenchmark.Kernel: ExpressibleByArgument {}
