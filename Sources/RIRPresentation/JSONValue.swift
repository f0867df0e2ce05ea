import RIRModel

/// A JSON value whose objects keep their keys in the order given, so output is
/// stable and follows the documented key order (Foundation's encoder does neither
/// without sorting keys alphabetically).
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys in output order; a repeated key is written as often as it is given.
    case object([JSONMember])

    /// A number, or `null` when nil.
    public static func optional(_ number: Int?) -> JSONValue {
        number.map { .integer($0) } ?? .null
    }

    /// A list of strings.
    public static func strings(_ items: [String]) -> JSONValue {
        .array(items.map { .string($0) })
    }

    /// A string, or `null` when nil.
    public static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// The value as JSON text with two-space indentation and a final newline.
    ///
    /// Arrays of scalars stay on one line (`["age", "unseen"]`); objects and
    /// arrays holding them take one line per member.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The value as JSON text on one line, without a final newline (for one-record-per-line output).
    public func compact() -> String {
        var out = ""
        writeCompact(to: &out)
        return out
    }

    private func writeCompact(to out: inout String) {
        switch self {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCompact(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                out += JSONValue.quoted(member.key) + ":"
                member.value.writeCompact(to: &out)
            }
            out += "}"
        default:
            write(to: &out, indent: 0)
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let text): out += JSONValue.quoted(text)
        case .integer(let n): out += String(n)
        case .number(let x): out += x.isFinite ? x.description : "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items) where items.isEmpty: out += "[]"
        case .array(let items) where items.allSatisfy(\.isScalar):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out, indent: indent)
            }
            out += "]"
        case .array(let items):
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members) where members.isEmpty: out += "{}"
        case .object(let members):
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + JSONValue.quoted(member.key) + ": "
                member.value.write(to: &out, indent: indent + 2)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// `text` as a JSON string literal (RFC 8259): quotes, backslashes and control
    /// characters escaped, everything else kept as UTF-8.
    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}

/// One key and value of a ``JSONValue/object(_:)``.
public struct JSONMember: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue

    /// Creates a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
