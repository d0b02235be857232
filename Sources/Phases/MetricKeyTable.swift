/// A map from metric names to integers (indices, bit masks) for per-record hot paths. Metric names are short, and
/// hashing every name of every evaluation dominated ingest time; this table files names by UTF-8
/// length, so a lookup is a length read plus one or two string comparisons (equal short strings
/// compare in one step). Long names fall back to a dictionary.
public struct MetricKeyTable: Sendable {
    public typealias Value = Int
    struct Entry: Sendable {
        var name: String
        var value: Int
    }

    private static var maxShortLength: Int { 48 }
    private var byLength: [[Entry]]
    private var long: [String: Value] = [:]
    public private(set) var count = 0

    public init() {
        byLength = Array(repeating: [], count: Self.maxShortLength)
    }

    public subscript(name: String) -> Value? {
        get {
            let length = name.utf8.count
            guard length < Self.maxShortLength else { return long[name] }
            for entry in byLength[length] where entry.name == name { return entry.value }
            return nil
        }
        set {
            let length = name.utf8.count
            guard length < Self.maxShortLength else {
                if (long[name] == nil) != (newValue == nil) { count += newValue == nil ? -1 : 1 }
                long[name] = newValue
                return
            }
            if let i = byLength[length].firstIndex(where: { $0.name == name }) {
                if let newValue {
                    byLength[length][i].value = newValue
                } else {
                    byLength[length].remove(at: i)
                    count -= 1
                }
            } else if let newValue {
                byLength[length].append(Entry(name: name, value: newValue))
                count += 1
            }
        }
    }
}
