// LuaState.swift: owns one Lua 5.4 state: its limits, the Swift functions and types registered
// in it, loading chunks, and turning Lua errors into Swift errors.
import CLuaShim

/// Resource limits for a Lua state. The count hook checks time and cancellation; the allocator
/// enforces memory.
package struct LuaLimits: Sendable {
    /// Wall-clock seconds a call may run; nil for no limit.
    package var timeout: Double?
    /// Bytes Lua may hold at once; nil for no limit.
    package var memoryBytes: Int?
    /// Instructions between two checks of the deadline and the cancel flag.
    package var hookInterval: Int32

    package init(timeout: Double? = nil, memoryBytes: Int? = nil, hookInterval: Int32 = 100_000) {
        self.timeout = timeout
        self.memoryBytes = memoryBytes
        self.hookInterval = hookInterval
    }
}

final class SwiftFunctionBox {
    let name: String
    let isMethod: Bool
    let body: LuaFunction
    init(name: String, isMethod: Bool, body: @escaping LuaFunction) {
        self.name = name
        self.isMethod = isMethod
        self.body = body
    }
}

/// A Lua state. Not thread-safe: use one state per thread of work (states are cheap).
package final class LuaState {
    private let limitsStorage = LimitsStorage()
    var limitsPointer: UnsafeMutablePointer<scr_limits> { limitsStorage.pointer }
    /// The main thread's stack.
    package private(set) var main: LuaStack!
    private var retained: [AnyObject] = []
    package private(set) var registeredTypes: Set<String> = []
    private let memoryLimitMB: Int?

    /// Creates a state with the safe standard libraries opened (base, string, table, math, utf8,
    /// coroutine, os) in its real globals. Scripts should run in a `Sandbox` environment instead.
    package init(limits: LuaLimits = LuaLimits()) {
        LuaState.installDispatch
        memoryLimitMB = limits.memoryBytes.map { $0 / (1024 * 1024) }
        limitsPointer.pointee.limit = max(0, limits.memoryBytes ?? 0)
        guard let L = scr_newstate(limitsPointer) else { fatalError("cannot create a Lua state: out of memory") }
        main = LuaStack(L, state: self)
        registerOwner()
        scr_open_safe_libs(L)
        if let timeout = limits.timeout {
            limitsPointer.pointee.timeout_seconds = timeout
            limitsPointer.pointee.deadline = scr_monotonic_seconds() + timeout
        }
        scr_install_hook(L, limits.hookInterval)  // also serves cancellation, so always on
    }

    deinit { close() }

    private var closed = false

    /// Closes the Lua state: its values are collected (running their finalisers) and the Swift
    /// functions it holds are released, with whatever they captured. A host whose functions
    /// capture objects that hold the state (a cycle) must call this when it is done; the state
    /// cannot be used afterwards.
    package func close() {
        guard !closed else { return }
        closed = true
        lua_close(main.L)
        retained.removeAll()
    }

    // MARK: limits

    /// Restarts the time limit from now.
    package func restartClock(timeout: Double?) {
        limitsPointer.pointee.timeout_seconds = timeout ?? 0
        limitsPointer.pointee.deadline = timeout.map { scr_monotonic_seconds() + $0 } ?? 0
    }

    /// Asks the running code to stop at its next hook. Safe from any thread.
    package func cancel() { scr_cancel(limitsPointer) }

    /// Lets code run again after a cancellation (an interactive session goes on after one).
    package func clearCancellation() { scr_uncancel(limitsPointer) }

    /// A handle that can cancel this state's run from another thread or a signal handler.
    package var canceller: LuaCanceller { LuaCanceller(storage: limitsStorage) }

    /// Bytes Lua holds now, and the most it ever held.
    package var memoryInUse: Int { Int(limitsPointer.pointee.used) }
    package var peakMemory: Int { Int(limitsPointer.pointee.peak) }

    /// Throws the limit error when the deadline has passed or the run was cancelled; for long Swift
    /// work called from Lua, which the count hook does not see.
    package func checkLimits() throws { try LuaState.checkLimits(limitsStorage) }

    /// The same check as a function that worker threads may call while the state waits for them.
    package var limitCheck: @Sendable () throws -> Void {
        let storage = limitsStorage
        return { try LuaState.checkLimits(storage) }
    }

    private static func checkLimits(_ storage: LimitsStorage) throws {
        let pointer = storage.pointer
        if scr_is_cancelled(pointer) != 0 {
            pointer.pointee.stop_reason = Int32(SCR_STOP_CANCELLED)
            throw LuaError(kind: .limit(.cancelled), message: "run cancelled")
        }
        let deadline = pointer.pointee.deadline
        if deadline > 0 && scr_monotonic_seconds() > deadline {
            pointer.pointee.stop_reason = Int32(SCR_STOP_TIMEOUT)
            throw LuaError(kind: .limit(.time), message: timeLimitMessage(pointer.pointee.timeout_seconds))
        }
    }

    /// "time limit of 5 s exceeded" (a whole number of seconds without its ".0").
    package static func timeLimitMessage(_ seconds: Double) -> String {
        "time limit of \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s exceeded"
    }

    /// Seconds on the monotonic clock the time limit is kept by.
    package static func monotonicSeconds() -> Double { scr_monotonic_seconds() }

    /// Throws the memory error when `bytes` more would pass the memory limit; for Swift results
    /// about to be handed to Lua.
    package func checkMemory(adding bytes: Int) throws {
        let lim = limitsPointer.pointee
        if lim.limit != 0 && Int(lim.used) + bytes > Int(lim.limit) {
            limitsPointer.pointee.stop_reason = Int32(SCR_STOP_MEMORY)
            throw LuaError(kind: .limit(.memory), message: memoryMessage)
        }
    }

    var memoryMessage: String { "memory limit of \(memoryLimitMB ?? 0) MB exceeded" }

    /// Records that a limit the host keeps (the outputs') ends the run: the error a host
    /// function raises now is reported as that limit.
    package func stop(_ limit: LuaLimit) {
        switch limit {
        case .time: limitsPointer.pointee.stop_reason = Int32(SCR_STOP_TIMEOUT)
        case .memory: limitsPointer.pointee.stop_reason = Int32(SCR_STOP_MEMORY)
        case .cancelled: limitsPointer.pointee.stop_reason = Int32(SCR_STOP_CANCELLED)
        case .outputs: limitsPointer.pointee.stop_reason = Int32(SCR_STOP_OUTPUTS)
        }
    }

    // MARK: chunks

    /// Compiles `source` as a text chunk named `chunkName` (`@path.lua` for files) and pushes it.
    package func load(_ source: String, chunkName: String) throws {
        var source = source
        let status = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                scr_loadbuffer(main.L, $0.baseAddress, $0.count, chunkName, "t")
            }
        }
        if status != LUA_OK { throw errorFromTop(main, status: status, syntax: status == LUA_ERRSYNTAX) }
    }

    /// Runs `source` and returns its results as plain values. Convenience for tests and tools.
    @discardableResult
    package func run(_ source: String, chunkName: String = "=chunk") throws -> [LuaValue] {
        let base = main.top
        try load(source, chunkName: chunkName)
        try main.call(arguments: 0)
        defer { main.top = base }
        return (base + 1 ..< main.top + 1).map { main.value(at: $0) }
    }

    /// Sets a global in the state's real globals table (not in a sandbox).
    package func setGlobal(_ name: String, _ push: (LuaStack) -> Void) {
        push(main)
        lua_setglobal(main.L, name)
    }

    // MARK: types

    /// Registers a userdata type: a metatable named `name` holding `methods`. Keys that are not
    /// methods go to `index` (a function of the object and the key) when given. The metatable is
    /// locked against `getmetatable`/`setmetatable` from scripts; `holdsObject` types release their
    /// Swift object when collected.
    package func registerType(_ name: String, methods: [String: LuaFunction] = [:],
                             index: LuaFunction? = nil, metamethods: [String: LuaFunction] = [:],
                             holdsObject: Bool = true) {
        let s = main!
        s.reserve(4)
        guard luaL_newmetatable(s.L, name) != 0 else { s.pop(); return }
        registeredTypes.insert(name)
        s.pushTable(fields: methods.count)
        for (methodName, body) in methods.sorted(by: { $0.key < $1.key }) {
            s.push(function: methodName, isMethod: true, body)
            s.setField(methodName, at: -2)
        }
        if let index, methods.isEmpty {
            // No methods: every key goes to the type's own lookup, directly.
            s.setField("__methods", at: -2)
            s.push(function: name + ".__index", index)
        } else if let index {
            s.setField("__methods", at: -2)
            s.push(function: name + ".__index") { stack in
                // Methods first, then the type's own lookup.
                if stack.type(at: 2) == .string, lua_getmetatable(stack.L, 1) != 0 {
                    stack.getField("__methods", at: -1)
                    lua_pushvalue(stack.L, 2)
                    if lua_rawget(stack.L, -2) != LUA_TNIL { return 1 }
                    stack.pop(3)
                }
                return try index(stack)
            }
        } else {
            s.pushCopy(of: -1)
            s.setField("__methods", at: -3)
        }
        s.setField("__index", at: -2)
        for (event, body) in metamethods {
            s.push(function: event, body)
            s.setField(event, at: -2)
        }
        if holdsObject && metamethods["__gc"] == nil {
            s.push(function: "__gc") { stack in
                stack.releaseObject(at: 1)
                return 0
            }
            s.setField("__gc", at: -2)
        }
        s.push(name)
        s.setField("__metatable", at: -2)
        s.pop()
    }

    /// Adds a method (any value pushed by `push`, such as a Lua function) to a registered type.
    package func addMethod(_ name: String, toType typeName: String, _ push: (LuaStack) -> Void) {
        let s = main!
        s.reserve(4)
        _ = lua_getfield(s.L, scr_registryindex(), typeName)
        s.getField("__methods", at: -1)
        push(s)
        s.setField(name, at: -2)
        s.pop(2)
    }

    /// Sets a metamethod (any value pushed by `push`, such as a Lua function) of a registered type.
    package func setMetamethod(_ event: String, ofType typeName: String, _ push: (LuaStack) -> Void) {
        let s = main!
        _ = lua_getfield(s.L, scr_registryindex(), typeName)
        push(s)
        s.setField(event, at: -2)
        s.pop()
    }

    /// The method names of a registered type.
    package func methodNames(ofType typeName: String) -> [String] {
        let s = main!
        _ = lua_getfield(s.L, scr_registryindex(), typeName)
        defer { s.pop() }
        guard s.type(at: -1) == .table, s.getField("__methods", at: -1) == .table else { return [] }
        defer { s.pop() }
        var names: [String] = []
        s.forEachPair(at: -1) { if s.type(at: -2) == .string, let n = s.toString(-2) { names.append(n) } }
        return names.sorted()
    }

    func setMetatable(_ typeName: String, on stack: LuaStack) {
        precondition(registeredTypes.contains(typeName), "userdata type \(typeName) is not registered")
        luaL_setmetatable(stack.L, typeName)
    }

    // MARK: internals

    func retain(_ box: SwiftFunctionBox) -> UnsafeMutableRawPointer {
        retained.append(box)
        return Unmanaged.passUnretained(box).toOpaque()
    }

    /// Pops the error on top of `stack` (left there by a failed load or call) as a Swift error.
    func errorFromTop(_ stack: LuaStack, status: Int32, syntax: Bool = false) -> LuaError {
        let text = stack.toStringCoercing(-1) ?? "(error object is a \(stack.typeName(at: -1)) value)"
        stack.pop()
        let reason = limitsPointer.pointee.stop_reason
        limitsPointer.pointee.stop_reason = Int32(SCR_STOP_NONE)
        var error = LuaError.splitting(text, kind: syntax ? .syntax : .runtime)
        switch reason {
        case Int32(SCR_STOP_TIMEOUT): error.kind = .limit(.time)
        case Int32(SCR_STOP_CANCELLED): error.kind = .limit(.cancelled)
        case Int32(SCR_STOP_OUTPUTS): error.kind = .limit(.outputs)
        case Int32(SCR_STOP_MEMORY):
            error.kind = .limit(.memory)
            error.message = memoryMessageReplacing(error.message)
        default:
            if status == LUA_ERRMEM {
                error.kind = .limit(.memory)
                error.message = memoryMessage
            }
        }
        return error
    }

    private func memoryMessageReplacing(_ message: String) -> String {
        if message.hasSuffix("not enough memory") {
            return String(message.dropLast("not enough memory".count)) + memoryMessage
        }
        return message.contains("memory limit") ? message : memoryMessage
    }

    private static let installDispatch: Void = {
        scr_set_dispatch { L, box in
            guard let L, let box else { return 0 }
            let function = Unmanaged<SwiftFunctionBox>.fromOpaque(box).takeUnretainedValue()
            return LuaState.dispatch(L, function)
        }
    }()

    private static func dispatch(_ L: OpaquePointer, _ function: SwiftFunctionBox) -> Int32 {
        let owner = LuaState.owner(of: L)
        let stack = LuaStack(L, state: owner)
        do {
            return try function.body(stack)
        } catch let error as LuaArgumentError {
            let position = function.isMethod ? error.position - 1 : error.position
            let text = position == 0
                ? "calling '\(function.name)' on bad self (\(error.message))"
                : "bad argument #\(position) to '\(function.name)' (\(error.message))"
            stack.push(text)
            return SCR_RAISE_WITH_POSITION
        } catch is LuaRaiseTop {
            return SCR_RAISE_AS_IS
        } catch let error as LuaError {
            // An error from Lua code called back from Swift: raise its message again (a new
            // traceback is made where it is caught). A limit stays a limit where it is caught.
            if case .limit(let limit) = error.kind { owner.stop(limit) }
            stack.push(error.message)
            return SCR_RAISE_AS_IS
        } catch {
            stack.push(String(describing: error))
            return SCR_RAISE_WITH_POSITION
        }
    }

    private static func owner(of L: OpaquePointer) -> LuaState {
        // The owning LuaState is kept in the registry under a light userdata key.
        lua_rawgetp(L, scr_registryindex(), &ownerKey)
        let pointer = lua_touserdata(L, -1)!
        scr_pop(L, 1)
        return Unmanaged<LuaState>.fromOpaque(pointer).takeUnretainedValue()
    }

    nonisolated(unsafe) private static var ownerKey: UInt8 = 0

    func registerOwner() {
        lua_pushlightuserdata(main.L, Unmanaged.passUnretained(self).toOpaque())
        lua_rawsetp(main.L, scr_registryindex(), &LuaState.ownerKey)
    }
}

/// The limits record shared with C; it outlives the state while a canceller holds it.
final class LimitsStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<scr_limits>
    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: scr_limits())
    }
    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}

/// Cancels a run from another thread. Cancelling after the state has closed does nothing.
package struct LuaCanceller: Sendable {
    let storage: LimitsStorage
    package func cancel() { scr_cancel(storage.pointer) }
}
