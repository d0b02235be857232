/// CRC-32C (Castagnoli), the checksum TFRecord framing uses, and TensorFlow's "masked" form of it.
/// Table-driven, one byte at a time: event files are small and read once.
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        return crc
    }

    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// TFRecord stores `((crc >> 15) | (crc << 17)) + 0xa282ead8` so that a CRC of CRCs stays strong.
    public static func masked<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        let crc = checksum(bytes)
        return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
