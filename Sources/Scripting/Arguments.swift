// Arguments.swift: reading a Swift function's Lua arguments with errors in Lua's own words
// ("bad argument #2 to 'sort' (string expected, got nil)").
import Analysis
import Tables
import Lua

extension LuaStack {
    func argumentString(_ index: Int32) throws -> String {
        guard let s = toStringCoercing(index) else { throw LuaArgumentError(index, "string expected, got \(typeName(at: index))") }
        return s
    }

    func optionalString(_ index: Int32) throws -> String? {
        isNoneOrNil(index) ? nil : try argumentString(index)
    }

    func argumentInteger(_ index: Int32) throws -> Int {
        if let i = toInteger(index) { return i }
        if type(at: index) == .number { throw LuaArgumentError(index, "number has no integer representation") }
        throw LuaArgumentError(index, "number expected, got \(typeName(at: index))")
    }

    func argumentTable(_ index: Int32) throws {
        guard type(at: index) == .table else { throw LuaArgumentError(index, "table expected, got \(typeName(at: index))") }
    }

    /// One of `choices`, or the default when absent.
    func argumentChoice(_ index: Int32, _ choices: [String], default value: String) throws -> String {
        guard !isNoneOrNil(index) else { return value }
        let s = try argumentString(index)
        guard choices.contains(s) else {
            throw LuaArgumentError(index, "'\(s)' is not one of " + choices.map { "'\($0)'" }.joined(separator: ", "))
        }
        return s
    }

    /// A cell from a plain Lua value (nil, boolean, number, string).
    func cell(at index: Int32) -> Cell? {
        switch type(at: index) {
        case .nil, .none: return .null
        case .boolean: return .bool(toBool(index))
        case .number:
            if let i = toInteger(index), case .integer = value(at: index) { return .int(i) }
            return .number(toNumber(index) ?? 0)
        case .string: return .text(toString(index) ?? "")
        default: return nil
        }
    }

    func push(_ cell: Cell) {
        switch cell {
        case .null: pushNil()
        case .bool(let b): push(b)
        case .int(let i): push(i)
        case .number(let d): push(d)
        case .text(let s): push(s)
        }
    }

    /// An array of strings from the table at `index`, for argument `position`.
    func stringArray(_ index: Int32, argument position: Int32) throws -> [String] {
        try argumentTable(index)
        var result: [String] = []
        let n = rawLength(at: index)
        for i in 1...max(n, 1) where n > 0 {
            getIndex(i, at: index)
            defer { pop() }
            guard let s = toStringCoercing(-1) else {
                throw LuaArgumentError(position, "item \(i) is a \(typeName(at: -1)), not a string")
            }
            result.append(s)
        }
        return result
    }
}
