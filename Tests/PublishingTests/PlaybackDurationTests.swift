import Publishing
import Snapshots
import Testing

@Suite struct PlaybackDurationTests {
    @Test(arguments: [("60s", 60.0), ("2m", 120), ("1m30s", 90), ("90", 90), ("1h", 3600), ("1.5m", 90), (" 45S ", 45)])
    func parsesDurations(text: String, seconds: Double) throws {
        #expect(try PlaybackDuration.parse(text) == seconds)
    }

    @Test(arguments: [
        ("", "empty"), ("0", "longer than 0"), ("abc", "not a unit"), ("30s1m", "in the order"),
        ("1m1m", "in the order"),
        ("m", "a number must come before"), ("1m30", "needs a unit"), ("-5s", "not a unit"), ("25h", "at most 24h"),
        ("1.2.3s", "a number must come before"),
    ])
    func rejectsBadDurationsClearly(text: String, reason: String) {
        do {
            let value = try PlaybackDuration.parse(text)
            Issue.record("'\(text)' parsed as \(value)")
        } catch {
            let message = "\(error)"
            #expect(message.contains(reason), "\(message)")
            #expect(message.contains("--duration"))
            #expect(message.contains("e.g. 60s"))
        }
    }

    @Test func hostileTextIsSanitizedInTheMessage() {
        for hostile in ["\u{1B}]52;c;x\u{07}", "\u{1B}[31m", "5\u{9B}s"] {
            do {
                _ = try PlaybackDuration.parse(hostile)
                Issue.record("accepted \(hostile.debugDescription)")
            } catch {
                let message = "\(error)"
                #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
        }
    }

    /// `--duration` plays the whole run in the given wall time, whatever the recording's clock.
    @Test func durationPacesTheWholeRun() {
        var now = 0.0
        // 11 evaluations, one per 100 s of run time: a 1000 s run.
        let records: [Record] = (0...10).map {
            .evaluation(Evaluation(step: $0 * 10, wallTime: Double($0) * 100, metrics: ["train_loss": 1]))
        }
        let replay = ReplaySource(records: records, duration: 60, now: { now })
        #expect(abs(replay.speed - 1000.0 / 60) < 1e-9)
        #expect(abs(replay.playbackSecondsLeft - 60) < 1e-9)
        #expect(replay.poll().count == 1)
        now = 30
        #expect(replay.poll().count == 5)  // run time 500 s: evaluations at 100…500
        #expect(abs(replay.playbackSecondsLeft - 30) < 1e-6)
        now = 59.9
        _ = replay.poll()
        #expect(replay.position == 10)
        now = 60
        _ = replay.poll()
        #expect(replay.position == 11)
        #expect(replay.playbackSecondsLeft == 0)
        // Halving the pace works beyond `--speed`'s 1…1000 range.
        replay.setSpeed(0.01)
        #expect(replay.speed == 0.01)
        let plain = ReplaySource(records: records, speed: 10, now: { now })
        plain.setSpeed(0.01)
        #expect(plain.speed == 1)  // control: a --speed replay keeps its range
    }
}
