// Sandbox.swift: the environment a script runs in, built from an allow-list. Only the safe base
// functions (not collectgarbage), string (without dump; rep checked against the memory cap), table, math, utf8, coroutine and four os functions are there; `load` takes text chunks
// only; `require` loads `.lua` files from a fixed list of folders; `print` goes to a host sink;
// the string metatable is locked.
import CLuaShim
import Foundation

package struct SandboxOptions {
    /// Folders that `require` searches, in order, for `name.lua` (dots in the name are folders).
    package var modulePaths: [URL]
    /// Where `print` writes each line.
    package var print: (String) -> Void

    package init(modulePaths: [URL] = [], print: @escaping (String) -> Void = SandboxOptions.printToStandardError) {
        self.modulePaths = modulePaths
        self.print = print
    }

    package static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A sandboxed environment inside one Lua state.
package final class Sandbox {
    package let state: LuaState
    package let options: SandboxOptions
    private var environmentReference: Int32 = LUA_NOREF

    /// The globals every sandbox has, besides the host's own.
    package static let baseGlobals = [
        "assert", "error", "ipairs", "pairs", "next", "pcall", "xpcall", "select", "tonumber",
        "tostring", "type", "setmetatable", "getmetatable", "rawequal", "rawget", "rawset", "rawlen",
        "print", "load", "require", "string", "table", "math", "utf8", "coroutine", "os", "_G", "_VERSION",
    ]

    package init(state: LuaState, options: SandboxOptions = SandboxOptions()) throws {
        self.state = state
        self.options = options
        let s = state.main!
        try state.load(Sandbox.prelude, chunkName: "=sandbox")
        scr_pushglobaltable(s.L)
        s.push(function: "require") { [options] stack in
            try Sandbox.findModule(stack, paths: options.modulePaths)
        }
        s.push(function: "print") { [options] stack in
            options.print(stack.toString(1) ?? "")
            return 0
        }
        // Refuses, as a memory limit error, a string that would pass the cap before it is built.
        s.push(function: "rep") { [unowned state] stack in
            if let bytes = stack.toInteger(1), bytes > 0 { try state.checkMemory(adding: Int(clamping: bytes)) }
            return 0
        }
        try s.call(arguments: 4, results: 1)
        environmentReference = luaL_ref(s.L, scr_registryindex())
    }

    /// Pushes the environment table.
    package func pushEnvironment(on stack: LuaStack? = nil) {
        let s = stack ?? state.main!
        lua_rawgeti(s.L, scr_registryindex(), lua_Integer(environmentReference))
    }

    /// Sets a global of the sandbox to the value pushed by `push`.
    package func setGlobal(_ name: String, _ push: (LuaStack) -> Void) {
        let s = state.main!
        pushEnvironment()
        push(s)
        s.setField(name, at: -2)
        s.pop()
    }

    /// Compiles a text chunk with the sandbox as its environment and pushes it.
    package func load(_ source: String, chunkName: String) throws {
        try state.load(source, chunkName: chunkName)
        pushEnvironment()
        _ = lua_setupvalue(state.main.L, -2, 1)
    }

    /// Compiles and runs a chunk in the sandbox and returns its results as plain values.
    @discardableResult
    package func run(_ source: String, chunkName: String = "=chunk") throws -> [LuaValue] {
        let s = state.main!
        let base = s.top
        try load(source, chunkName: chunkName)
        try s.call(arguments: 0)
        defer { s.top = base }
        return (base + 1 ..< s.top + 1).map { s.value(at: $0) }
    }

    /// The module searcher behind `require`: returns the source and chunk name, or nil and why.
    private static func findModule(_ stack: LuaStack, paths: [URL]) throws -> Int32 {
        guard let name = stack.toString(1) else {
            throw LuaArgumentError(1, "string expected, got \(stack.typeName(at: 1))")
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy {
                ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") && $0.isASCII
            }
        }
        guard valid else {
            stack.pushNil()
            stack.push("module name '\(name)' is not allowed: use letters, digits, '_' and '-', with '.' between folders")
            return 2
        }
        let relative = parts.joined(separator: "/") + ".lua"
        var tried: [String] = []
        for folder in paths {
            let file = folder.appendingPathComponent(relative)
            tried.append(file.relativePath)
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            // Refuse files that resolve outside the allowed folder (symlinks).
            let real = file.resolvingSymlinksInPath().path
            let base = folder.resolvingSymlinksInPath().path
            guard real.hasPrefix(base + "/") else { continue }
            stack.push(String(decoding: data, as: UTF8.self))
            stack.push("@" + file.relativePath)
            return 2
        }
        stack.pushNil()
        stack.push("module '\(name)' not found; looked for " + tried.map { "'\($0)'" }.joined(separator: ", "))
        return 2
    }

    private static let prelude = #"""
    local G, find_module, write, reserve = ...
    local env = {}
    for _, name in G.ipairs({"assert", "error", "ipairs", "pairs", "next", "pcall", "xpcall",
        "select", "tonumber", "tostring", "type", "setmetatable", "getmetatable", "rawequal",
        "rawget", "rawset", "rawlen"}) do
      env[name] = G[name]
    end
    env._VERSION = G._VERSION
    for _, name in G.ipairs({"string", "table", "math", "utf8", "coroutine"}) do
      local copy = {}
      for k, v in G.pairs(G[name]) do copy[k] = v end
      env[name] = copy
    end
    -- Bytecode never enters or leaves the sandbox.
    env.string.dump = nil
    -- string.rep checks the size against the memory cap before building the string.
    local rep, type = G.string.rep, G.type
    env.string.rep = function(s, n, sep)
      if type(s) == "string" and G.math.type(n) == "integer" and n > 0 then
        reserve((#s + (type(sep) == "string" and #sep or 0)) * n)
      end
      return rep(s, n, sep)
    end

    env.os = {time = G.os.time, date = G.os.date, clock = G.os.clock, difftime = G.os.difftime}

    local tostring, select, concat, error = G.tostring, G.select, G.table.concat, G.error
    env.print = function(...)
      local parts = {}
      for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
      write(concat(parts, "\t"))
    end

    local raw_load = G.load
    env.load = function(chunk, name, mode, chunk_env)
      if mode ~= nil and mode ~= "t" then
        return nil, "only text chunks may be loaded (mode 't'), not mode '" .. tostring(mode) .. "'"
      end
      if chunk_env == nil then chunk_env = env end
      return raw_load(chunk, name, "t", chunk_env)
    end

    local loaded, loading = {}, {}
    env.require = function(name)
      if type(name) ~= "string" then
        error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
      end
      local value = loaded[name]
      if value ~= nil then return value end
      if loading[name] then error("module '" .. name .. "' requires itself", 2) end
      local source, chunkname = find_module(name)
      if source == nil then error(chunkname, 2) end
      local chunk, err = raw_load(source, chunkname, "t", env)
      if not chunk then error(err, 0) end
      loading[name] = true
      local result = chunk(name, chunkname)
      loading[name] = nil
      if result == nil then result = true end
      loaded[name] = result
      return result
    end
    env._G = env

    local string_meta = G.getmetatable("")
    string_meta.__index = env.string
    string_meta.__metatable = false
    return env
    """#
}
