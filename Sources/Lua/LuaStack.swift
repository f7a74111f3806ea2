// LuaStack.swift: the Swift face of one Lua thread's stack: push and read values, tables,
// userdata. Only operations that cannot raise a Lua error are used here (raw table access,
// pushes made while the allocator is in its Swift mode); everything that may run Lua code goes
// through a protected call.
import CLuaShim

package enum LuaType: Int32, Sendable {
    case none = -1, `nil` = 0, boolean, lightUserdata, number, string, table, function, userdata, thread

    package var name: String {
        switch self {
        case .none: return "no value"
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .lightUserdata, .userdata: return "userdata"
        case .number: return "number"
        case .string: return "string"
        case .table: return "table"
        case .function: return "function"
        case .thread: return "thread"
        }
    }
}

/// A view of one Lua thread (the main one, or a coroutine calling into Swift). Cheap to copy.
package struct LuaStack {
    package let L: OpaquePointer
    package unowned(unsafe) let state: LuaState  // the state outlives every view of its stack

    init(_ L: OpaquePointer, state: LuaState) {
        self.L = L
        self.state = state
    }

    // MARK: stack

    package var top: Int32 {
        get { lua_gettop(L) }
        nonmutating set { lua_settop(L, newValue) }
    }

    package func pop(_ n: Int32 = 1) { scr_pop(L, n) }
    package func absolute(_ index: Int32) -> Int32 { lua_absindex(L, index) }
    package func type(at index: Int32) -> LuaType { LuaType(rawValue: lua_type(L, index)) ?? .none }
    package func typeName(at index: Int32) -> String {
        if let name = userdataTypeName(at: index) { return name }
        return type(at: index).name
    }

    /// Makes room for `n` more values; false when the stack cannot grow (never raises).
    @discardableResult
    package func reserve(_ n: Int32) -> Bool { lua_checkstack(L, n) != 0 }
    package func pushCopy(of index: Int32) { lua_pushvalue(L, index) }
    package func remove(at index: Int32) { scr_remove(L, index) }
    package func insert(at index: Int32) { scr_insert(L, index) }

    // MARK: pushing

    package func pushNil() { lua_pushnil(L) }
    package func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
    package func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }
    package func push(_ value: Int64) { lua_pushinteger(L, lua_Integer(value)) }
    package func push(_ value: Double) { lua_pushnumber(L, value) }
    package func push(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }
    package func push(bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
    }
    package func push(_ value: String?) {
        if let value { push(value) } else { pushNil() }
    }
    package func push(_ value: Int?) {
        if let value { push(value) } else { pushNil() }
    }

    /// Pushes a copy of a plain value (tables are built anew).
    package func push(_ value: LuaValue) {
        switch value {
        case .nil, .opaque: pushNil()
        case .boolean(let b): push(b)
        case .integer(let i): push(i)
        case .number(let d): push(d)
        case .string(let s): push(s)
        case .table(let t):
            reserve(3)
            lua_createtable(L, 0, Int32(min(t.count, 1 << 20)))
            for (k, v) in t {
                push(k)
                push(v)
                lua_rawset(L, -3)
            }
        }
    }

    /// Pushes a new table holding `values` as a sequence, each pushed by `pushElement`.
    package func pushArray<C: Collection>(_ values: C, _ pushElement: (C.Element) -> Void) {
        reserve(3)
        lua_createtable(L, Int32(min(values.count, 1 << 24)), 0)
        var i: lua_Integer = 1
        for v in values {
            pushElement(v)
            lua_rawseti(L, -2, i)
            i += 1
        }
    }

    package func pushArray(_ values: [String]) { pushArray(values) { push($0) } }

    /// Pushes a new empty table sized for `array` sequence items and `fields` named ones.
    package func pushTable(array: Int = 0, fields: Int = 0) {
        reserve(2)
        lua_createtable(L, Int32(array), Int32(fields))
    }

    // MARK: raw table access (no metamethods, never raises)

    /// Pops a value and stores it in the table at `index` under `key`.
    package func setField(_ key: String, at index: Int32) {
        let t = absolute(index)
        push(key)
        insert(at: -2)
        lua_rawset(L, t)
    }

    /// Pops a value and stores it in the table at `index` under integer `key`.
    package func setIndex(_ key: Int, at index: Int32) {
        lua_rawseti(L, index, lua_Integer(key))
    }

    /// Pushes `table[key]` (raw) and returns its type.
    @discardableResult
    package func getField(_ key: String, at index: Int32) -> LuaType {
        let t = absolute(index)
        push(key)
        return LuaType(rawValue: lua_rawget(L, t)) ?? .nil
    }

    @discardableResult
    package func getIndex(_ key: Int, at index: Int32) -> LuaType {
        LuaType(rawValue: lua_rawgeti(L, index, lua_Integer(key))) ?? .nil
    }

    package func rawLength(at index: Int32) -> Int { Int(lua_rawlen(L, index)) }

    /// Whether the value at `index` has a metatable.
    package func hasMetatable(at index: Int32) -> Bool {
        guard lua_getmetatable(L, index) != 0 else { return false }
        pop()
        return true
    }

    /// Calls `body` for each key/value of the table at `index`, with the key at -2 and value at -1.
    package func forEachPair(at index: Int32, _ body: () throws -> Void) rethrows {
        let t = absolute(index)
        reserve(3)
        pushNil()
        while lua_next(L, t) != 0 {
            try body()
            pop()
        }
    }

    // MARK: reading

    package func isNoneOrNil(_ index: Int32) -> Bool { scr_isnoneornil(L, index) != 0 }
    package func toBool(_ index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

    /// The integer at `index`, also accepting floats with an exact integer value and numeric strings.
    package func toInteger(_ index: Int32) -> Int? {
        var isNum: Int32 = 0
        let v = lua_tointegerx(L, index, &isNum)
        return isNum != 0 ? Int(v) : nil
    }

    package func toNumber(_ index: Int32) -> Double? {
        var isNum: Int32 = 0
        let v = lua_tonumberx(L, index, &isNum)
        return isNum != 0 ? v : nil
    }

    /// The string at `index` (numbers are not converted; use `toStringCoercing`).
    package func toString(_ index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        return withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The string at `index`, converting numbers as Lua does for string arguments.
    package func toStringCoercing(_ index: Int32) -> String? {
        let t = lua_type(L, index)
        guard t == LUA_TSTRING || t == LUA_TNUMBER else { return nil }
        if t == LUA_TNUMBER {
            pushCopy(of: index)  // lua_tolstring converts in place: convert a copy
            defer { pop() }
            var length = 0
            guard let p = lua_tolstring(L, -1, &length) else { return nil }
            return p.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        }
        return toString(index)
    }

    /// Calls `body` with the bytes of the string at `index` without copying them.
    package func withBytes<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let p = lua_tolstring(L, index, &length) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// A deep copy of the value at `index`. Tables nested deeper than `depth` read as `.opaque`.
    package func value(at index: Int32, depth: Int = 64) -> LuaValue {
        switch type(at: index) {
        case .none, .nil: return .nil
        case .boolean: return .boolean(toBool(index))
        case .number:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(lua_tointegerx(L, index, nil))) }
            return .number(lua_tonumberx(L, index, nil))
        case .string: return .string(toString(index) ?? "")
        case .table:
            guard depth > 0 else { return .opaque("table") }
            var result: [LuaValue: LuaValue] = [:]
            forEachPair(at: index) {
                let k = value(at: -2, depth: depth - 1)
                result[k] = value(at: -1, depth: depth - 1)
            }
            return .table(result)
        default: return .opaque(typeName(at: index))
        }
    }

    // MARK: userdata

    /// Pushes a full userdata holding a strong reference to `object`, with the metatable registered
    /// under `typeName` (see `LuaState.registerType`).
    package func pushObject(_ object: AnyObject, typeName: String) {
        reserve(2)
        let slot = scr_newuserdata(L, MemoryLayout<UnsafeMutableRawPointer>.size)!
        slot.storeBytes(of: Unmanaged.passRetained(object).toOpaque(), as: UnsafeMutableRawPointer.self)
        state.setMetatable(typeName, on: self)
    }

    /// The object held by the userdata at `index` when it is of type `typeName` and class `T`.
    package func object<T: AnyObject>(at index: Int32, typeName: String, as: T.Type = T.self) -> T? {
        guard let slot = luaL_testudata(L, index, typeName) else { return nil }
        let pointer = slot.load(as: UnsafeMutableRawPointer.self)
        return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as? T
    }

    /// Pushes a full userdata holding a plain value (no references) with the given metatable.
    package func pushPlain<T>(_ value: T, typeName: String) {
        reserve(2)
        let slot = scr_newuserdata(L, MemoryLayout<T>.size)!
        slot.initializeMemory(as: T.self, repeating: value, count: 1)
        state.setMetatable(typeName, on: self)
    }

    package func plain<T>(at index: Int32, typeName: String, as: T.Type = T.self) -> T? {
        guard let slot = luaL_testudata(L, index, typeName) else { return nil }
        return slot.load(as: T.self)
    }

    /// The plain value in the userdata at `index` without checking its type: for metamethods of a
    /// locked metatable, whose first argument is always of their type. Nil when the userdata's
    /// size does not match.
    @inline(__always)
    package func plainUnchecked<T>(at index: Int32, as: T.Type = T.self) -> T? {
        guard let slot = lua_touserdata(L, index), lua_rawlen(L, index) == MemoryLayout<T>.size else { return nil }
        return slot.load(as: T.self)
    }

    /// An identity for the string at `index`: equal for equal short strings while they are alive
    /// (Lua interns them). Used to match keys against names kept alive in the registry.
    @inline(__always)
    package func stringIdentity(at index: Int32) -> UnsafeRawPointer? {
        lua_type(L, index) == LUA_TSTRING ? lua_topointer(L, index) : nil
    }

    /// The registered type name of the userdata at `index`, if it has one.
    package func userdataTypeName(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TUSERDATA, lua_getmetatable(L, index) != 0 else { return nil }
        let name = getField("__name", at: -1) == .string ? toString(-1) : nil
        pop(2)
        return name
    }

    func releaseObject(at index: Int32) {
        guard let slot = lua_touserdata(L, index) else { return }
        let pointer = slot.load(as: UnsafeMutableRawPointer?.self)
        guard let pointer else { return }
        Unmanaged<AnyObject>.fromOpaque(pointer).release()
        slot.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
    }

    // MARK: functions

    /// Pushes a Swift function callable from Lua. `name` is used in argument errors.
    package func push(function name: String, isMethod: Bool = false, _ body: @escaping LuaFunction) {
        let box = state.retain(SwiftFunctionBox(name: name, isMethod: isMethod, body: body))
        reserve(2)
        scr_push_swift_function(L, box)
    }

    /// Calls the function below `arguments` values in protected mode, leaving `results` values
    /// (or all of them with `nil`).
    package func call(arguments: Int32, results: Int32? = nil) throws {
        let status = scr_pcall(L, arguments, results ?? LUA_MULTRET)
        if status != LUA_OK { throw state.errorFromTop(self, status: status) }
    }
}

package typealias LuaFunction = (LuaStack) throws -> Int32

// MARK: registry references

extension LuaStack {
    /// Pops the top value into the registry and returns its reference.
    package func ref() -> Int32 { luaL_ref(L, scr_registryindex()) }

    /// Pushes the registry value stored under `ref`.
    package func pushRegistryValue(_ ref: Int32) { lua_rawgeti(L, scr_registryindex(), lua_Integer(ref)) }

}

extension LuaStack {
    /// Pops a value and a key (pushed in that order: key, then value) into the table at `index`.
    package func rawSet(at index: Int32) { lua_rawset(L, index) }

    /// Replaces the key on top with the value the table at `index` holds for it, without metamethods.
    package func rawGet(at index: Int32) { _ = lua_rawget(L, index) }
}
