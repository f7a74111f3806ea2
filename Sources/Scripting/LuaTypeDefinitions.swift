// LuaTypeDefinitions.swift: LuaCATS definitions of the API for lua-language-server (completion,
// hover and type checks in an editor), generated from the same registry as the reference.

package enum LuaTypeDefinitions {
    /// The definitions file (`Scripts/types/scriptorium.lua`).
    package static func source(_ entries: [APIEntry]) -> String {
        var out = ["---@meta scriptorium", "-- Scriptorium Lua API: type definitions for lua-language-server, generated from the engine's",
                   "-- registry (`scriptorium docs --types`); do not edit by hand. `.luarc.json` points the editor here.", ""]
        var owners: [String] = []
        for e in entries where !owners.contains(e.owner) { owners.append(e.owner) }
        for owner in owners where owner != "globals" {
            out += definitions(of: owner, entries.filter { $0.owner == owner })
        }
        // A host module's global is declared with its class above.
        for e in entries where e.owner == "globals" && !owners.contains(e.name) {
            out += ["---\(e.summary)", "---@type \(e.returns)", "\(e.name) = nil", ""]
        }
        return out.joined(separator: "\n")
    }

    /// A class with its fields; a module (an owner with functions) is also a global table.
    private static func definitions(of owner: String, _ mine: [APIEntry]) -> [String] {
        let isModule = mine.contains { $0.kind == .function }
        let className = isModule && owner.first!.isLowercase ? owner + "lib" : owner
        var out = ["---@class \(className)"]
        for f in mine where f.kind == .field {
            let optional = f.returns.hasSuffix("?")
            out.append("---@field \(f.name)\(optional ? "?" : "") \(optional ? String(f.returns.dropLast()) : f.returns) \(f.summary)")
        }
        switch owner {
        case "Corpus": out += ["---@field [integer] Document", "---@operator len: integer"]
        case "Table": out += ["---@field [integer] table<string, any>", "---@operator len: integer"]
        default: break
        }
        let functions = mine.filter { $0.kind != .field }
        guard isModule || !functions.isEmpty else { return out + [""] }
        out.append(isModule ? "\(owner) = {}" : "local \(owner) = {}")
        out.append("")
        for f in functions {
            out.append("---\(f.summary)")
            if let example = f.example { out += ["---", "---```lua", "---\(example)", "---```"] }
            for p in f.parameters { out.append("---@param \(p.name)\(p.optional ? "?" : "") \(p.type)") }
            if !f.returns.isEmpty { out.append("---@return \(f.returns)") }
            let separator = f.kind == .method ? ":" : "."
            out.append("function \(owner)\(separator)\(f.name)(\(f.parameters.map(\.name).joined(separator: ", "))) end")
            out.append("")
        }
        return out
    }
}
