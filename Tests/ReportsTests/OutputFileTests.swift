import Foundation
import Reports
import Publishing
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 11 §1: outputs are atomic for regular files, written through for devices and pipes, and a
/// symlink is followed (never replaced).
@Suite struct OutputFileTests {
    let dir: String = {
        let path = NSTemporaryDirectory() + "grokscope-output-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func regularFilesAreReplacedAtomically() throws {
        let path = dir + "/a.csv"
        try OutputFile.write("one\n", to: path)
        try OutputFile.write("two\n", to: path)
        #expect(contents(path) == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.csv"], "no temporary file left")
    }

    @Test func symlinksAreFollowedAndKept() throws {
        try "old".write(toFile: dir + "/target.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "target.csv")
        try OutputFile.write("new\n", to: dir + "/link.csv")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == "target.csv")
        #expect(contents(dir + "/target.csv") == "new\n")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.csv", withDestinationPath: "nowhere/x")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("x", to: dir + "/dangling.csv") }
    }

    @Test func directoriesAreRefused() {
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("x", to: dir) }
    }

    /// A FIFO is written into, not replaced by a regular file (as /dev/stdout was).
    @Test func fifosAreWrittenThrough() throws {
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile.write("through\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, 64)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "through\n")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "still a FIFO")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("x", to: "/dev/full") }
    }

    /// `/dev/fd/N` writes to the descriptor at its position, even when it is a regular file.
    @Test func descriptorPathsWriteAtTheCurrentPosition() throws {
        let path = dir + "/out.txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        _ = "summary\n".withCString { write(fd, $0, 8) }
        try OutputFile.write("csv\n", to: "/dev/fd/\(fd)")
        #expect(contents(path) == "summary\ncsv\n")
        #expect(OutputFile.descriptorName("/dev/stdout") == 1 && OutputFile.descriptorName("-") == 1)
        #expect(OutputFile.descriptorName("/dev/stdoutx") == nil && OutputFile.descriptorName("out.csv") == nil)
    }

    @Test func sameFileSeesThroughSpellingsAndLinks() throws {
        try "x".write(toFile: dir + "/f", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/l", withDestinationPath: "f")
        #expect(FileIdentity.sameFile("a/./b", "a//b"))
        #expect(FileIdentity.sameFile(dir + "/f", dir + "/l"))
        #expect(!FileIdentity.sameFile(dir + "/f", dir + "/g"))
        #expect(!FileIdentity.sameFile("/dev/null", "/dev/zero"))
    }
}
