import Foundation

/// One LMN evaluation: the number, its entropy, the spectrum and (optionally) the matrix `L`.
public struct LMNResult: Equatable, Sendable {
    /// `LMN = 2^S`, in `[1, N]`.
    public var value: Double
    /// `S = −Σ q log₂ q` in bits.
    public var entropy: Double
    /// Eigenvalues of `L`, ascending.
    public var eigenvalues: [Double]
    /// `N`, to show beside the value (LMN is comparable only at equal N).
    public var probeCount: Int
    /// `L` (`N × N`, row-major), when requested (e.g. for `--dump-lmn-matrix`).
    public var connectivity: [Double]?

    public init(value: Double, entropy: Double, eigenvalues: [Double], probeCount: Int, connectivity: [Double]?) {
        self.value = value
        self.entropy = entropy
        self.eigenvalues = eigenvalues
        self.probeCount = probeCount
        self.connectivity = connectivity
    }

    /// `L` as CSV: `N` lines of `N` comma-separated values (full precision, `%.17g`). Empty without `L`.
    public func connectivityCSV() -> String {
        guard let matrix = connectivity else { return "" }
        let n = probeCount
        return (0..<n).map { i in
            (0..<n).map { String(format: "%.17g", matrix[i * n + $0]) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `{"lmn":…,"entropy_bits":…,"probes":N,"eigenvalues":[…],"connectivity":[[…],…]}`.
    public func json() -> String {
        func number(_ x: Double) -> String { x.isFinite ? String(format: "%.17g", x) : "null" }
        var fields = [
            "\"lmn\":\(number(value))", "\"entropy_bits\":\(number(entropy))", "\"probes\":\(probeCount)",
            "\"eigenvalues\":[\(eigenvalues.map(number).joined(separator: ","))]",
        ]
        if let matrix = connectivity {
            let n = probeCount
            let rows = (0..<n).map { i in "[" + (0..<n).map { number(matrix[i * n + $0]) }.joined(separator: ",") + "]"
            }
            fields.append("\"connectivity\":[\(rows.joined(separator: ","))]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
