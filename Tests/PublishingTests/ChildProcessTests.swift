import Foundation
import Publishing
import Testing

/// `watch -- cmd`: the child's stdout is a pipe, its stderr a log (file + last lines), its exit status
/// is kept, and signals reach its process group.
@Suite struct ChildProcessTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gs-childproc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func readAll(_ fd: Int32) -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func stdoutIsThePipeStderrTheLogAndTheStatusIsKept() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let logPath = dir.appendingPathComponent("run.stderr.log").path
        let child = try ChildProcess(
            command: ["sh", "-c", "echo out; echo err1 >&2; printf 'bar 10%%\\rbar 99%%\\n' >&2; exit 3"],
            logPath: logPath)
        let fd = try #require(child.stdoutDescriptor)
        #expect(Self.readAll(fd) == "out\n")
        close(fd)
        #expect(child.waitForExit(timeout: 20) == 3)
        let deadline = Date(timeIntervalSinceNow: 20)
        while !child.log.isFinished && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(child.log.lastLines(10) == ["err1", "bar 99%"], "a carriage return keeps the latest progress")
        let file = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(file.hasPrefix("err1\nbar 10%\rbar 99%\n"), "the file keeps every byte")
        #expect(ChildProcess.describe(3) == "exited with status 3")
    }

    @Test func signalsReachTheChildsProcessGroup() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try ChildProcess(
            command: ["sh", "-c", "trap 'echo got-int >&2; exit 7' INT; echo ready; while :; do sleep 0.05; done"],
            logPath: dir.appendingPathComponent("e.log").path)
        let fd = try #require(child.stdoutDescriptor)
        defer { close(fd) }
        var byte: UInt8 = 0
        #expect(read(fd, &byte, 1) == 1, "the child is up")
        #expect(child.exitStatus == nil, "negative control: it runs until signalled")
        child.signal(SIGINT)
        #expect(child.waitForExit(timeout: 20) == 7)
    }

    @Test func stopEscalatesWhenTheChildIgnoresSIGINT() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try ChildProcess(
            command: ["sh", "-c", "trap '' INT; echo ready; while :; do sleep 0.05; done"],
            logPath: dir.appendingPathComponent("e.log").path)
        let fd = try #require(child.stdoutDescriptor)
        defer { close(fd) }
        var byte: UInt8 = 0
        _ = read(fd, &byte, 1)
        #expect(child.stop(grace: 0.3) == 128 + SIGTERM)
    }

    @Test func aMissingProgramIsAClearError() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ChildProcessError.self) {
            _ = try ChildProcess(command: ["no-such-trainer-xyz"], logPath: dir.appendingPathComponent("e.log").path)
        }
        #expect(throws: ChildProcessError.self) {
            _ = try ChildProcess(command: ["true"], logPath: "/nonexistent-dir/e.log")
        }
    }
}
