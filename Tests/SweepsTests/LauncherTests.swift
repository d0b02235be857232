import Foundation
import Snapshots
import Sweeps
import Testing

/// The launcher against a stand-in for `grokscope train`: a shell script that writes a header, waits,
/// and ends its log `completed` — or `interrupted` when it gets SIGINT — recording how many runs were
/// alive at once.
@Suite struct LauncherTests {
    let directory: String
    let fake: String

    init() throws {
        directory = NSTemporaryDirectory() + "gs-sweep-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        fake = directory + "/fake-train.sh"
        let script = #"""
            #!/bin/sh
            # Arguments as the sweep passes them; pick out --log and --resume.
            log=""; resume=""
            while [ $# -gt 0 ]; do
              case "$1" in --log) log="$2"; shift ;; --resume) resume="$2"; shift ;; esac
              shift
            done
            dir=$(dirname "$log")
            echo "$$" > "$log.pid"
            [ -n "$resume" ] && echo resumed >> "$dir/resumes"
            ls "$dir"/*.pid | wc -l >> "$dir/alive"
            printf '{"type":"header","format":"grokscope/1","run_id":"r","name":"n","task":"t","start_time":0}\n' > "$log"
            printf '{"type":"evaluation","step":0,"wall_time":0,"train_acc":1,"test_acc":1}\n' >> "$log"
            trap 'printf "{\"type\":\"end\",\"step\":0,\"status\":\"interrupted\"}\n" >> "$log"; : > "${log%.ndjson}.safetensors"; rm -f "$log.pid"; exit 130' INT
            i=0
            while [ $i -lt ${FAKE_TICKS:-5} ]; do sleep 0.1; i=$((i+1)); done
            echo "progress line on stdout"
            printf '{"type":"end","step":0,"status":"completed"}\n' >> "$log"
            rm -f "$log.pid"
            """#
        try script.write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
    }

    func runs(_ count: Int) throws -> [SweepRun] {
        try SweepGrid(preset: "demo", axes: [], seeds: try SweepGrid.seeds("0-\(count - 1)")).runs()
    }

    func launcher(_ runs: [SweepRun], jobs: Int, stop: @escaping () -> Int32? = { nil }) -> SweepLauncher {
        SweepLauncher(
            runs: runs, directory: directory, executable: fake, jobs: jobs, extra: [], checkpointEvery: 100,
            stopRequest: stop, progress: { _ in })
    }

    @Test func runsEveryRunWithAtMostJobsAtOnceAndSkipsThemNextTime() throws {
        let all = try runs(5)
        let summary = try launcher(all, jobs: 2).run()
        #expect(summary.completed == 5)
        let alive = try String(contentsOfFile: directory + "/alive", encoding: .utf8)
            .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(alive.count == 5)
        #expect(alive.allSatisfy { $0 <= 2 })
        // The child's output goes to NAME.out, never into the stream it writes.
        let out = try String(contentsOfFile: directory + "/" + all[0].name + ".out", encoding: .utf8)
        let log = try String(contentsOfFile: all[0].logPath(in: directory), encoding: .utf8)
        #expect(out.contains("progress line on stdout"))
        #expect(!log.contains("progress line"))
        let again = try launcher(all, jobs: 2).run()
        #expect(again.skipped == 5 && again.completed == 0)
    }

    @Test func aStopIsForwardedOnceAndTheRerunResumesOnlyTheUnfinished() throws {
        setenv("FAKE_TICKS", "100", 1)
        defer { unsetenv("FAKE_TICKS") }
        let all = try runs(3)
        let started = Date()
        let summary = try launcher(all, jobs: 2, stop: { Date().timeIntervalSince(started) > 0.5 ? SIGINT : nil }).run()
        #expect(summary.interrupted == 2)
        #expect(summary.notStarted == 1)
        for run in all.prefix(2) {
            let lines = try String(contentsOfFile: run.logPath(in: directory), encoding: .utf8)
            #expect(lines.contains(#""status":"interrupted""#))
        }
        unsetenv("FAKE_TICKS")
        let rerun = try launcher(all, jobs: 2).run()
        #expect(rerun.completed == 3)
        let resumes = try String(contentsOfFile: directory + "/resumes", encoding: .utf8)
        #expect(resumes.split(separator: "\n").count == 2)
    }

    @Test func aMissingExecutableIsAClearError() throws {
        let bad = SweepLauncher(
            runs: try runs(1), directory: directory, executable: directory + "/nope", jobs: 1, extra: [],
            checkpointEvery: 100, stopRequest: { nil }, progress: { _ in })
        #expect(throws: SweepError.self) { try bad.run() }
    }
}
