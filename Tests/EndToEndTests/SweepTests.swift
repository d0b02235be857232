import Foundation
import Testing

extension EndToEnd {
    @Suite("sweep")
    struct SweepTests {
        static let grid = ["sweep", "--grid", "weight-decay=0,1", "--grid", "train-fraction=0.5,0.7", "--out", "runs"]
        static let short = ["--", "--steps", "120", "--eval-every", "20", "--lmn-every", "60", "--lmn-probes", "16"]

        /// A 2×2 grid runs to the end: four streams with end records, a manifest, a summary line; the
        /// same command again launches nothing.
        @Test func aSmallGridRunsAndARerunSkipsIt() throws {
            let dir = try Binary.scratch()
            let first = try GrokscopeProcess.run(Self.grid + ["--jobs", "2"] + Self.short, in: dir, timeout: 240)
            #expect(first.status == 0, "\(first.transcript)")
            #expect(first.stdout.contains("4 finished"), "\(first.transcript)")
            let runs = dir.appendingPathComponent("runs")
            let logs = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".ndjson") }
            #expect(Set(logs) == ["wd0_frac0.5_seed0.ndjson", "wd0_frac0.7_seed0.ndjson", "wd1_frac0.5_seed0.ndjson", "wd1_frac0.7_seed0.ndjson"])
            for log in logs {
                let records = try StreamLog.records(runs.appendingPathComponent(log))
                #expect(records.last?["status"] as? String == "completed", "\(log)")
            }
            #expect(FileManager.default.fileExists(atPath: runs.appendingPathComponent("sweep.json").path))
            let again = try GrokscopeProcess.run(Self.grid + Self.short, in: dir, timeout: 60)
            #expect(again.status == 0, "\(again.transcript)")
            #expect(again.stdout.contains("0 finished, 4 already done"), "\(again.transcript)")
            // Another grid in the same folder is refused: its runs would be mistaken for this one's.
            let other = try GrokscopeProcess.run(
                ["sweep", "--grid", "weight-decay=0.5", "--out", "runs"] + Self.short, in: dir, timeout: 60)
            #expect(other.status == 2, "\(other.transcript)")
            #expect(other.stderr.contains("different sweep"), "\(other.transcript)")
        }

        /// SIGINT during a sweep: every started run ends `interrupted` with a checkpoint, the sweep exits 130,
        /// and the re-run resumes those and starts only the missing ones.
        @Test func ctrlCStopsEveryRunCleanlyAndTheRerunCompletesTheRest() throws {
            let dir = try Binary.scratch()
            let long = ["--", "--steps", "20000", "--eval-every", "20", "--lmn-every", "0"]
            let sweep = try GrokscopeProcess(Self.grid + ["--jobs", "2"] + long, in: dir)
            try sweep.waitForOutput(timeout: 60, "two runs started") {
                $0.components(separatedBy: ": started").count - 1 >= 2
            }
            let runs = dir.appendingPathComponent("runs")
            // Wait until both runs have logged a few evaluations, so there is something to checkpoint.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let sizes = (try? FileManager.default.contentsOfDirectory(atPath: runs.path))?
                    .filter { $0.hasSuffix(".ndjson") }
                    .compactMap { try? FileManager.default.attributesOfItem(atPath: runs.appendingPathComponent($0).path)[.size] as? Int }
                if let sizes, sizes.count == 2, sizes.allSatisfy({ $0 > 2000 }) { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            sweep.signal(SIGINT)
            let stopped = try sweep.wait(timeout: 60)
            #expect(stopped.status == 130, "\(stopped.transcript)")
            #expect(stopped.stdout.contains("2 interrupted"), "\(stopped.transcript)")
            let logs = try FileManager.default.contentsOfDirectory(atPath: runs.path).filter { $0.hasSuffix(".ndjson") }
            #expect(logs.count == 2)
            for log in logs {
                let records = try StreamLog.records(runs.appendingPathComponent(log))
                #expect(records.last?["status"] as? String == "interrupted", "\(log)")
                let checkpoint = runs.appendingPathComponent(log.replacingOccurrences(of: ".ndjson", with: ".safetensors"))
                #expect(FileManager.default.fileExists(atPath: checkpoint.path), "\(log)")
            }
            // The re-run with a short step count: the two resumed runs and the two new ones all finish.
            let rerun = try GrokscopeProcess.run(
                Self.grid + ["--jobs", "2", "--", "--steps", "120", "--eval-every", "20", "--lmn-every", "0"], in: dir,
                timeout: 240)
            #expect(rerun.status == 0, "\(rerun.transcript)")
            #expect(rerun.stdout.components(separatedBy: ": resumed").count - 1 == 2, "\(rerun.transcript)")
            #expect(rerun.stdout.components(separatedBy: ": started").count - 1 == 2, "\(rerun.transcript)")
        }

        /// A sweep killed outright (SIGKILL: no chance to forward anything) leaves no orphan training on:
        /// each child sees it was re-parented and ends `interrupted` with its checkpoint.
        @Test func aKilledSweepLeavesNoRunningOrphans() throws {
            let dir = try Binary.scratch()
            let long = ["--", "--steps", "200000", "--eval-every", "20", "--lmn-every", "0"]
            let sweep = try GrokscopeProcess(Self.grid + ["--jobs", "2", "--no-table"] + long, in: dir)
            try sweep.waitForOutput(timeout: 60, "two runs started") {
                $0.components(separatedBy: ": started").count - 1 >= 2
            }
            let runs = dir.appendingPathComponent("runs")
            func logs() -> [URL] {
                ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [])
                    .filter { $0.hasSuffix(".ndjson") }.map { runs.appendingPathComponent($0) }
            }
            func lastStatus(_ log: URL) -> String? {
                (try? StreamLog.records(log))?.last?["status"] as? String
            }
            var deadline = Date().addingTimeInterval(60)
            while Date() < deadline, logs().count < 2 || logs().contains(where: { (try? StreamLog.records($0).count) ?? 0 < 3 }) {
                Thread.sleep(forTimeInterval: 0.1)
            }
            sweep.signal(SIGKILL)
            _ = try? sweep.wait(timeout: 30)
            deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !logs().allSatisfy({ lastStatus($0) == "interrupted" }) {
                Thread.sleep(forTimeInterval: 0.1)
            }
            #expect(logs().count == 2)
            for log in logs() {
                #expect(lastStatus(log) == "interrupted", "\(log.lastPathComponent)")
                let checkpoint = log.deletingPathExtension().appendingPathExtension("safetensors")
                #expect(FileManager.default.fileExists(atPath: checkpoint.path), "\(log.lastPathComponent)")
            }
        }
    }
}
