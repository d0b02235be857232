/// One training example: two operand tokens and the class of their result.
public struct Example: Sendable, Hashable {
    public var a: Int32
    public var b: Int32
    public var label: Int32

    public init(a: Int, b: Int, label: Int) {
        self.a = Int32(a)
        self.b = Int32(b)
        self.label = Int32(label)
    }
}

/// The binary operations we can learn. Modular ones use `modulus` p; S4 and XOR ignore it.
public enum TaskKind: String, Codable, CaseIterable, Sendable {
    case add, subtract, multiply, divide
    /// (a² + ab + b²) mod p.
    case quadratic
    /// Composition in the symmetric group S4 (24 permutations of 4 items).
    case s4
    /// Bitwise XOR of two 5-bit numbers (a, b ∈ 0..31, 32 classes).
    case xor

    public var usesModulus: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .quadratic: return true
        case .s4, .xor: return false
        }
    }
}

/// A task: the operation and, for modular arithmetic, the modulus.
public struct TaskSpec: Codable, Sendable, Equatable {
    public var kind: TaskKind
    public var modulus: Int

    public init(_ kind: TaskKind, modulus: Int = 31) {
        self.kind = kind
        self.modulus = modulus
    }

    /// Human-readable, e.g. `"(a+b) mod 31"`, `"S4 composition"`, `"5-bit XOR"`.
    public var title: String {
        switch kind {
        case .add: return "(a+b) mod \(modulus)"
        case .subtract: return "(a-b) mod \(modulus)"
        case .multiply: return "(a*b) mod \(modulus)"
        case .divide: return "(a/b) mod \(modulus)"
        case .quadratic: return "(a^2+ab+b^2) mod \(modulus)"
        case .s4: return "S4 composition"
        case .xor: return "5-bit XOR"
        }
    }

    /// Number of distinct operand tokens (rows of the embedding table).
    public var vocabulary: Int {
        switch kind {
        case .s4: return 24
        case .xor: return 32
        default: return modulus
        }
    }

    /// Number of output classes.
    public var classes: Int { vocabulary }

    /// Checks the options; throws a `ConfigurationError` naming the option and the fix.
    public func validate() throws {
        guard kind.usesModulus else { return }
        if modulus < 2 {
            throw ConfigurationError(
                option: "modulus", problem: "is \(modulus); modular tasks need p ≥ 2",
                fix: "use a prime such as 31, 59 or 97")
        }
        if modulus > 4096 {
            throw ConfigurationError(
                option: "modulus", problem: "is \(modulus); p² examples would not fit a full batch",
                fix: "use p ≤ 4096 (the paper uses 31)")
        }
        if kind == .divide, !Self.isPrime(modulus) {
            throw ConfigurationError(
                option: "modulus", problem: "is \(modulus), not prime; division mod p needs every b ≠ 0 invertible",
                fix: "use a prime modulus such as 31, 59 or 97")
        }
    }

    /// Every input pair with its answer, in a fixed order (a major, b minor).
    public func allExamples() throws -> [Example] {
        try validate()
        switch kind {
        case .s4:
            let permutations = SymmetricGroup4.elements
            return (0..<24).flatMap { a in
                (0..<24).map { b in Example(a: a, b: b, label: SymmetricGroup4.compose(a, b, permutations)) }
            }
        case .xor:
            return (0..<32).flatMap { a in (0..<32).map { b in Example(a: a, b: b, label: a ^ b) } }
        default:
            let p = modulus
            var examples: [Example] = []
            examples.reserveCapacity(p * p)
            for a in 0..<p {
                for b in 0..<p {
                    switch kind {
                    case .add: examples.append(Example(a: a, b: b, label: (a + b) % p))
                    case .subtract: examples.append(Example(a: a, b: b, label: ((a - b) % p + p) % p))
                    case .multiply: examples.append(Example(a: a, b: b, label: (a * b) % p))
                    case .divide where b != 0:
                        examples.append(Example(a: a, b: b, label: (a * Self.power(b, p - 2, modulus: p)) % p))
                    case .quadratic: examples.append(Example(a: a, b: b, label: (a * a + a * b + b * b) % p))
                    default: break
                    }
                }
            }
            return examples
        }
    }

    static func isPrime(_ n: Int) -> Bool {
        guard n >= 2 else { return false }
        var d = 2
        while d * d <= n {
            if n % d == 0 { return false }
            d += 1
        }
        return true
    }

    /// base^exponent mod m by squaring (Fermat inverse: b^(p−2) = b⁻¹ mod p).
    static func power(_ base: Int, _ exponent: Int, modulus m: Int) -> Int {
        var result = 1
        var b = base % m
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % m }
            b = b * b % m
            e >>= 1
        }
        return result
    }
}

/// S4 as permutation tokens: element i is the i-th permutation of (0, 1, 2, 3) in lexicographic order.
enum SymmetricGroup4 {
    static let elements: [[Int]] = {
        var result: [[Int]] = []
        func extend(_ prefix: [Int]) {
            if prefix.count == 4 { result.append(prefix); return }
            for x in 0..<4 where !prefix.contains(x) { extend(prefix + [x]) }
        }
        extend([])
        return result
    }()

    /// Index of a∘b, the permutation i ↦ a(b(i)).
    static func compose(_ a: Int, _ b: Int, _ elements: [[Int]]) -> Int {
        let product = (0..<4).map { elements[a][elements[b][$0]] }
        return elements.firstIndex(of: product)!
    }
}
