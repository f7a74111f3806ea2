// LuaValueText.swift: a plain Lua value (nil, boolean, integer, number, string, table of them) as
// text and back, exactly: integers and numbers stay apart, numbers keep every bit, strings are
// written with their length, and a table's entries are written in one order, so the same value
// always gives the same text.
import Lua

enum LuaValueText {
    /// What makes `value` not a plain value, if anything.
    static func problem(_ value: LuaValue) -> String? {
        switch value {
        case .opaque(let what): return "holds a \(what), which cannot leave its process (only nil, booleans, numbers, strings and tables of them can)"
        case .table(let t):
            for (k, v) in t { if let p = problem(k) ?? problem(v) { return p } }
            return nil
        default: return nil
        }
    }

    static func encode(_ value: LuaValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: LuaValue, to out: inout String) {
        switch value {
        case .nil, .opaque: out += "z"
        case .boolean(let b): out += b ? "t" : "f"
        case .integer(let i): out += "i\(i);"
        case .number(let d): out += "n\(d.bitPattern);"
        case .string(let s): out += "s\(s.utf8.count):" + s
        case .table(let t):
            let entries = t.map { (encode($0.key), $0.value) }.sorted { $0.0 < $1.0 }
            out += "T\(entries.count);"
            for (key, v) in entries {
                out += key
                write(v, to: &out)
            }
        }
    }

    static func decode(_ text: String) throws -> LuaValue {
        let bytes = Array(text.utf8)
        var at = 0
        let value = try read(bytes, &at, depth: 0)
        guard at == bytes.count else { throw ScriptError("a fold's value is damaged (\(bytes.count - at) bytes left over)") }
        return value
    }

    private static func read(_ b: [UInt8], _ at: inout Int, depth: Int) throws -> LuaValue {
        let bad = ScriptError("a fold's value is damaged at byte \(at)")
        guard at < b.count, depth < 200 else { throw bad }
        let tag = b[at]
        at += 1
        func number(until end: UInt8) throws -> String {
            guard let stop = b[at...].firstIndex(of: end) else { throw bad }
            defer { at = stop + 1 }
            return String(decoding: b[at ..< stop], as: UTF8.self)
        }
        switch tag {
        case UInt8(ascii: "z"): return .nil
        case UInt8(ascii: "t"): return .boolean(true)
        case UInt8(ascii: "f"): return .boolean(false)
        case UInt8(ascii: "i"):
            guard let i = Int64(try number(until: UInt8(ascii: ";"))) else { throw bad }
            return .integer(i)
        case UInt8(ascii: "n"):
            guard let bits = UInt64(try number(until: UInt8(ascii: ";"))) else { throw bad }
            return .number(Double(bitPattern: bits))
        case UInt8(ascii: "s"):
            guard let n = Int(try number(until: UInt8(ascii: ":"))), n >= 0, at + n <= b.count else { throw bad }
            defer { at += n }
            return .string(String(decoding: b[at ..< at + n], as: UTF8.self))
        case UInt8(ascii: "T"):
            guard let n = Int(try number(until: UInt8(ascii: ";"))), n >= 0, n <= b.count else { throw bad }
            var t: [LuaValue: LuaValue] = [:]
            for _ in 0 ..< n {
                let k = try read(b, &at, depth: depth + 1)
                t[k] = try read(b, &at, depth: depth + 1)
            }
            return .table(t)
        default: throw bad
        }
    }
}
