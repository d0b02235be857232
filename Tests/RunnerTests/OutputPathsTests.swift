import Foundation
import Runner
import Publishing
import Testing

/// `run`'s output-path checks (docs/limits.md, "Output paths"), before any training.
@Suite struct OutputPathsTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "output-paths-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    @Test func twoSpellingsOfOnePathCollide() {
        let log = directory + "/run.ndjson"
        let error = #expect(throws: OutputPathError.self) {
            try OutputPaths.refuseCollisions([("--log", log), ("--checkpoint", directory + "/./run.ndjson")])
        }
        #expect(error?.description.contains("--log and --checkpoint name the same file") == true)
        #expect(throws: OutputPathError.self) {
            try OutputPaths.refuseCollisions([("--log", "a//b.ndjson"), ("--resume", "a/b.ndjson")])
        }
    }

    @Test func aSymlinkToTheSameInodeCollides() throws {
        let log = directory + "/run.ndjson"
        let link = directory + "/link.ndjson"
        #expect(FileManager.default.createFile(atPath: log, contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: log)
        #expect(FileIdentity.sameFile(log, link))
        #expect(throws: OutputPathError.self) {
            try OutputPaths.refuseCollisions([("--log", log), ("--checkpoint", link)])
        }
    }

    @Test func distinctOrAbsentPathsPass() throws {
        let a = directory + "/a.ndjson"
        let b = directory + "/b.safetensors"
        #expect(FileManager.default.createFile(atPath: a, contents: Data()))
        #expect(FileManager.default.createFile(atPath: b, contents: Data()))
        #expect(!FileIdentity.sameFile(a, b))
        try OutputPaths.refuseCollisions([("--log", a), ("--checkpoint", b), ("--dump-lmn-matrix", nil)])
        try OutputPaths.refuseCollisions([("--log", nil), ("--resume", nil)])
    }

    @Test func checkpointMustBeARegularFileInAWritableDirectory() throws {
        // A new file in a writable directory, and a symlink to an existing checkpoint (its target is written).
        let fresh = directory + "/new.safetensors"
        #expect(try OutputPaths.checkCheckpointPath(fresh, option: "--checkpoint") == fresh)
        let target = directory + "/target.safetensors"
        let link = directory + "/link.safetensors"
        #expect(FileManager.default.createFile(atPath: target, contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let resolved = try OutputPaths.checkCheckpointPath(link, option: "--checkpoint")
        #expect(FileIdentity.sameFile(resolved, target) && !resolved.hasSuffix("link.safetensors"))
        // A directory is refused; so is a file in a directory that does not exist (as root, access(2)
        // grants every existing directory, so a missing one is the portable negative case).
        let notFile = #expect(throws: OutputPathError.self) {
            try OutputPaths.checkCheckpointPath(directory, option: "--checkpoint")
        }
        #expect(notFile?.description.contains("is not a regular file") == true)
        let missing = #expect(throws: OutputPathError.self) {
            try OutputPaths.checkCheckpointPath(directory + "/no/such/dir/x.safetensors", option: "--checkpoint")
        }
        #expect(missing?.description.contains("Choose a path you may write to") == true)
    }
}
