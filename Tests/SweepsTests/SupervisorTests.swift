import Foundation
import Sweeps
import Testing

/// The launcher on its own thread (as under the runs table): progress readable while it runs, a stop
/// request reaching every child once, errors surfacing from `wait`. The stand-in for `grokscope train`
/// reads its length from a file (not the environment, which other suites change).
@Suite struct SupervisorTests {
    let directory: String
    let fake: String

    init() throws {
        directory = NSTemporaryDirectory() + "gs-supervisor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        fake = directory + "/fake-train.sh"
        let script = #"""
            #!/bin/sh
            log=""
            while [ $# -gt 0 ]; do case "$1" in --log) log="$2"; shift ;; esac; shift; done
            dir=$(dirname "$log")
            printf '{"type":"header","format":"grokscope/1","run_id":"r","name":"n","task":"t","start_time":0}\n' > "$log"
            trap 'printf "{\"type\":\"end\",\"step\":0,\"status\":\"interrupted\"}\n" >> "$log"; : > "${log%.ndjson}.safetensors"; exit 130' INT
            ticks=$(cat "$dir/ticks")
            i=0
            while [ $i -lt $ticks ]; do sleep 0.1; i=$((i+1)); done
            printf '{"type":"end","step":0,"status":"completed"}\n' >> "$log"
            """#
        try script.write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
    }

    func start(_ supervisor: SweepSupervisor, runs: [SweepRun], ticks: Int, executable: String? = nil) throws {
        try "\(ticks)\n".write(toFile: directory + "/ticks", atomically: true, encoding: .utf8)
        supervisor.start(
            runs: runs, directory: directory, executable: executable ?? fake, jobs: 2, extra: [], checkpointEvery: 100)
    }

    func runs(_ count: Int) throws -> [SweepRun] {
        try SweepGrid(preset: "demo", axes: [], seeds: try SweepGrid.seeds("0-\(count - 1)")).runs()
    }

    @Test func runsOnItsOwnThreadAndReportsEveryRunDone() throws {
        let supervisor = SweepSupervisor(total: 3, jobs: 2)
        try start(supervisor, runs: try runs(3), ticks: 1)
        let summary = try supervisor.wait()
        #expect(summary.completed == 3)
        let progress = supervisor.progress
        #expect(progress.isFinished && progress.done == 3 && progress.running == 0 && !progress.isStopping)
        #expect(progress.statusLine == "sweep finished: 3 done · 0 failed")
    }

    @Test func aStopRequestEndsEveryRunningChildWithItsEndRecord() throws {
        let supervisor = SweepSupervisor(total: 3, jobs: 2)
        let all = try runs(3)
        try start(supervisor, runs: all, ticks: 300)
        let deadline = Date().addingTimeInterval(30)
        while supervisor.progress.running < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(supervisor.progress.running == 2)
        #expect(!supervisor.progress.isStopping)  // negative: nothing stops before it is asked
        supervisor.requestStop(SIGINT)
        supervisor.requestStop(SIGTERM)  // ignored: the first request's signal is forwarded
        #expect(supervisor.stopRequest == SIGINT)
        let summary = try supervisor.wait()
        #expect(summary.interrupted == 2 && summary.notStarted == 1 && summary.completed == 0)
        #expect(supervisor.progress.stopped == 2 && supervisor.progress.failed == 0)
        for run in all.prefix(2) {
            let log = try String(contentsOfFile: run.logPath(in: directory), encoding: .utf8)
            #expect(log.contains(#""status":"interrupted""#))
        }
    }

    @Test func aLauncherErrorSurfacesFromWaitAndInTheStatusLine() throws {
        let supervisor = SweepSupervisor(total: 1, jobs: 1)
        try start(supervisor, runs: try runs(1), ticks: 1, executable: directory + "/nope")
        #expect(throws: SweepError.self) { try supervisor.wait() }
        #expect(supervisor.progress.statusLine.hasPrefix("sweep failed: cannot start"))
        // A stop after the end changes nothing.
        supervisor.requestStop(SIGINT)
        #expect(supervisor.stopRequest == nil)
    }
}
