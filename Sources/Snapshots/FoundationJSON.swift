import Foundation

/// The general decoding path: any well-formed JSON line, through Foundation's `JSONSerialization`,
/// converted to the flat shape the record builder reads. Used for lines the fast parser leaves alone
/// (arrays, deeper nesting) and, in tests, to check the fast parser against Foundation line by line.
enum FoundationJSON {
    static func parse(_ line: UnsafeRawBufferPointer) -> Result<[FlatEntry], FlatParseFailure> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return .failure(FlatParseFailure(reason: "invalid JSON: \(detail ?? "\(error)")"))
        }
        guard let dictionary = object as? [String: Any] else {
            return .failure(FlatParseFailure(reason: "a record must be a JSON object"))
        }
        return .success(entries(of: dictionary, nested: false))
    }

    private static func entries(of dictionary: [String: Any], nested: Bool) -> [FlatEntry] {
        dictionary.map { key, value in FlatEntry(key: key, value: flatValue(value, nested: nested)) }
    }

    private static let booleanType = type(of: NSNumber(value: true))

    private static func flatValue(_ value: Any, nested: Bool) -> FlatValue {
        switch value {
        case is NSNull: return .null
        case let text as String: return .string(text)
        case let number as NSNumber:
            if type(of: number) == booleanType { return .bool(number.boolValue) }
            switch String(cString: number.objCType) {
            case "Q": return .integer(negative: false, magnitude: number.uint64Value)
            case "c", "s", "i", "l", "q":
                let signed = number.int64Value
                return .integer(negative: signed < 0, magnitude: signed.magnitude)
            default:
                let double = number.doubleValue
                return double.isFinite ? .number(double) : .unsupported
            }
        case let object as [String: Any]:
            return nested ? .unsupported : .object(entries(of: object, nested: true))
        default: return .unsupported
        }
    }
}
