import Foundation
import Snapshots
import Testing

/// The malformed-stream corpus (Fixtures/malformed, expectations in manifest.txt): the reader never
/// crashes or hangs and reports exactly what it skipped, whatever the chunking of the input.
@Suite struct MalformedCorpusTests {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("malformed")

    static let manifest: [(file: String, expected: String)] = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("manifest.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }()

    @Test func corpusIsLargeAndFullyListed() throws {
        #expect(Self.manifest.count >= 50)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".ndjson") }
        #expect(Set(files) == Set(Self.manifest.map(\.file)), "every corpus file has a manifest line and back")
    }

    @Test(arguments: manifest.map(\.file))
    func readerReportsExactlyWhatItSkipped(file: String) throws {
        let expected = try #require(Self.manifest.first { $0.file == file }?.expected)
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(file)))
        for chunkSize in [bytes.count, 1, 7, 4096] {
            let (records, diagnostics) = read(bytes, chunkSize: max(chunkSize, 1))
            #expect(render(diagnostics) == expected, "\(file), chunks of \(chunkSize): \(diagnostics.summary)")
            #expect(records.count == diagnostics.records)
        }
    }

    /// The fast path and Foundation agree on every corpus line about whether it is a record, and on
    /// the record (up to Foundation's few-ulp misrounding), except where the format deliberately
    /// accepts more than JSON (Python's bare NaN/Infinity tokens).
    @Test(arguments: manifest.map(\.file))
    func fastPathAgreesWithFoundation(file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(file)))
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let fast = RecordDecoder.decode(bytes: Array(line), path: .fast)
            let slow = RecordDecoder.decode(bytes: Array(line), path: .foundationOnly)
            switch (fast, slow) {
            case (.record(let a), .record(let b)): #expect(sameRecord(a, b, loose: true), "\(file)")
            case (.invalid, .invalid): break
            case (.record, .invalid) where file == "python-nan-tokens.ndjson": break
            // Foundation is laxer than JSON: it skips a byte order mark and accepts a trailing comma.
            // The reader strips a mark only at the start of the stream; the fast path stays strict.
            case (.invalid, .record) where file.hasPrefix("bom-") || file == "trailing-comma.ndjson": break
            default: #expect(fast == slow, "\(file): \(String(decoding: line.prefix(120), as: UTF8.self))")
            }
        }
    }

    func read(_ bytes: [UInt8], chunkSize: Int) -> ([Record], StreamDiagnostics) {
        var reader = StreamReader()
        var records: [Record] = []
        var start = 0
        bytes.withUnsafeBytes { raw in
            while start < raw.count {
                let end = min(start + chunkSize, raw.count)
                reader.consume(UnsafeRawBufferPointer(rebasing: raw[start..<end]), into: &records)
                start = end
            }
        }
        reader.finish(into: &records)
        return (records, reader.diagnostics)
    }
}

/// The manifest's notation: non-zero fields only, in this order.
func render(_ d: StreamDiagnostics) -> String {
    var parts: [String] = []
    func add(_ name: String, _ value: Int) { if value != 0 { parts.append("\(name)=\(value)") } }
    add("lines", d.linesRead)
    add("records", d.records)
    add("blank", d.blankLines)
    add("skipped", d.skippedLines)
    add("first", d.firstError?.line ?? 0)
    add("oversized", d.oversizedLines)
    add("ignored", d.ignoredRecords)
    if d.headerMissing { parts.append("headerMissing") }
    add("extraHeaders", d.extraHeaders)
    add("duplicateSteps", d.duplicateSteps)
    add("decreasingSteps", d.decreasingSteps)
    if d.incompatibility != nil { parts.append("incompatible") }
    add("restarts", d.restarts)
    add("tail", d.incompleteTailBytes)
    return parts.joined(separator: " ")
}
