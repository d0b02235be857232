/// Splits the bytes of a TFRecord file into records, incrementally (a file still being written).
///
/// A record is `length: UInt64 LE`, `masked CRC32C of length: UInt32 LE`, `data[length]`,
/// `masked CRC32C of data: UInt32 LE`. A torn last record stays buffered until its rest arrives. A record
/// whose data CRC fails is skipped and counted; a length whose CRC fails cannot be trusted, so the
/// framer moves forward one byte at a time until a length checks out again (resynchronization).
public struct TFRecordFramer: Sendable {
    /// Lengths above this are treated as corruption (the writers' records are a few hundred bytes).
    public static let maxRecordLength = 64 << 20

    public private(set) var corruptRecords = 0
    /// Bytes passed over while looking for a valid length after a corrupt one.
    public private(set) var skippedBytes = 0
    /// The first problem seen, e.g. "record 12 at byte 3400: data checksum mismatch".
    public private(set) var firstProblem: String?
    public private(set) var recordsRead = 0
    private var pending: [UInt8] = []
    private var consumedBytes = 0
    private var resynchronizing = false

    public init() {}

    /// Bytes received but not yet part of a complete record (a torn tail while the writer writes).
    public var bufferedBytes: Int { pending.count }

    /// Appends `bytes` and returns the payloads of the records completed by them.
    public mutating func feed<C: Collection>(_ bytes: C) -> [[UInt8]] where C.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var payloads: [[UInt8]] = []
        var start = 0
        while pending.count - start >= 12 {
            let length = readUInt64(at: start)
            let lengthOK = readUInt32(at: start + 8) == CRC32C.masked(pending[start..<(start + 8)])
            guard lengthOK, length <= UInt64(Self.maxRecordLength) else {
                if !resynchronizing { note("record \(recordsRead + 1) at byte \(consumedBytes + start): length checksum mismatch") }
                resynchronizing = true
                start += 1
                skippedBytes += 1
                continue
            }
            let total = 12 + Int(length) + 4
            guard pending.count - start >= total else { break }
            resynchronizing = false
            let data = pending[(start + 12)..<(start + 12 + Int(length))]
            if readUInt32(at: start + 12 + Int(length)) == CRC32C.masked(data) {
                payloads.append(Array(data))
                recordsRead += 1
            } else {
                note("record \(recordsRead + 1) at byte \(consumedBytes + start): data checksum mismatch")
            }
            start += total
        }
        if start > 0 {
            pending.removeFirst(start)
            consumedBytes += start
        }
        return payloads
    }

    private mutating func note(_ problem: String) {
        corruptRecords += 1
        if firstProblem == nil { firstProblem = problem }
    }

    private func readUInt64(at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(pending[offset + $1]) << (8 * UInt64($1)) }
    }

    private func readUInt32(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(pending[offset + $1]) << (8 * UInt32($1)) }
    }
}
