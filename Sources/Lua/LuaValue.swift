// LuaValue.swift: plain Lua values copied between Swift and Lua.

/// A Lua value copied out of (or into) a state. Tables are copied deeply; functions and userdata
/// are not representable and read as `.opaque` with their type name.
package enum LuaValue: Hashable, Sendable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table([LuaValue: LuaValue])
    case opaque(String)

    /// A Lua sequence `{v1, v2, ...}`.
    package static func array(_ values: [LuaValue]) -> LuaValue {
        var table: [LuaValue: LuaValue] = [:]
        for (i, v) in values.enumerated() { table[.integer(Int64(i + 1))] = v }
        return .table(table)
    }

    /// The values at keys 1...n, when this is a table whose keys are exactly 1...n.
    package var arrayValue: [LuaValue]? {
        guard case .table(let t) = self else { return nil }
        var result: [LuaValue] = []
        result.reserveCapacity(t.count)
        for i in 1...max(t.count, 1) {
            guard let v = t[.integer(Int64(i))] else { return t.isEmpty ? [] : nil }
            result.append(v)
        }
        return result
    }

    package subscript(key: String) -> LuaValue {
        guard case .table(let t) = self else { return .nil }
        return t[.string(key)] ?? .nil
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    package var description: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let b): return String(b)
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .table(let t):
            let items = t.map { "[\($0.key)] = \($0.value)" }.sorted()
            return "{" + items.joined(separator: ", ") + "}"
        case .opaque(let type): return "<\(type)>"
        }
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(booleanLiteral value: Bool) { self = .boolean(value) }
    package init(nilLiteral: ()) { self = .nil }
}
