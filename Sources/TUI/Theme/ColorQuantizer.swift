/// A 24-bit colour.
public struct RGB: Equatable, Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "#rrggbb" (or "rrggbb"); nil otherwise.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.first == "#" { digits.removeFirst() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    public var hex: String {
        func two(_ v: UInt8) -> String { v < 16 ? "0" + String(v, radix: 16) : String(v, radix: 16) }
        return "#" + two(r) + two(g) + two(b)
    }
}

/// Maps between 24-bit colours and the xterm 256/16-colour palettes (what btop does for
/// terminals without truecolor): nearest of the 6×6×6 cube and the grey ramp, by squared distance.
public enum ColorQuantizer {
    /// The xterm cube's channel levels.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The standard xterm RGB values of the 16 ANSI colours.
    static let ansi16: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The RGB value xterm shows for a palette index.
    public static func rgb(ofIndex index: UInt8) -> RGB {
        let i = Int(index)
        if i < 16 { return ansi16[i] }
        if i < 232 {
            let c = i - 16
            return RGB(UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
        }
        let grey = UInt8(8 + (i - 232) * 10)
        return RGB(grey, grey, grey)
    }

    /// Nearest index in 16…255 (cube or grey ramp; the 16 ANSI colours are skipped because terminals
    /// redefine them).
    public static func index256(for color: RGB) -> UInt8 {
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for (i, level) in cubeLevels.enumerated()
            where abs(level - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(color.r), nearestLevel(color.g), nearestLevel(color.b))
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(color.r) + Int(color.g) + Int(color.b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(color, rgb(ofIndex: UInt8(cubeIndex)))
        let greyDistance = distance(color, rgb(ofIndex: UInt8(greyIndex)))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// Nearest of the 16 ANSI colours.
    public static func index16(for color: RGB) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for (i, candidate) in ansi16.enumerated() {
            let d = distance(color, candidate)
            if d < bestDistance {
                best = i
                bestDistance = d
            }
        }
        return UInt8(best)
    }

    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r)
        let dg = Int(a.g) - Int(b.g)
        let db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
