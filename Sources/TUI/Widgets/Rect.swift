/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// Splits off `rows` rows at the top: (top, rest).
    func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits off `rows` rows at the bottom: (rest, bottom).
    func splitBottom(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - r), Rect(x: x, y: y + height - r, width: width, height: r)
        )
    }

    /// Splits into `count` columns separated by `gap` cells.
    func columns(_ count: Int, gap: Int) -> [Rect] {
        guard count > 0 else { return [] }
        let usable = width - gap * (count - 1)
        var out: [Rect] = []
        var cx = x
        for i in 0..<count {
            let w = usable / count + (i < usable % count ? 1 : 0)
            out.append(Rect(x: cx, y: y, width: w, height: height))
            cx += w + gap
        }
        return out
    }

    /// Splits into `count` rows (remainder goes to the first rows).
    func rows(_ count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        var out: [Rect] = []
        var cy = y
        for i in 0..<count {
            let h = height / count + (i < height % count ? 1 : 0)
            out.append(Rect(x: x, y: cy, width: width, height: h))
            cy += h
        }
        return out
    }
}
