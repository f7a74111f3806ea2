// ScriptContext.swift: one script run's Lua world: the state, its sandbox, the API registry, the
// corpora it can see and the outputs it has produced. Bindings add themselves to it.
import Analysis
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Lua
import Reports

final class ScriptContext {
    let state: LuaState
    let sandbox: Sandbox
    let registry = APIRegistry()
    /// The outputs produced so far (an interactive session starts a new set after writing them).
    var outputs = OutputSet()
    let csvOptions: CSVOptions
    /// The run's thesaurus, which the aggregations obey unless a call gives its own.
    var thesaurus: Thesaurus?
    /// What the run is, for the front block of Markdown reports.
    var run = RunInfo(script: "", corpus: [], documents: 0, date: "", job: nil, previous: nil)
    /// Corpora handed to the script, by slot; documents refer to their corpus's store by slot.
    private(set) var corpora: [Corpus] = []
    /// The store of each slot, boxed so a field read borrows it rather than copying its columns.
    private(set) var stores: [StoreBox] = []
    /// Lua helpers compiled once per state (iterators, read-only proxies).
    private(set) var helpers: Int32 = 0
    /// How the run takes part in a sharded run (`ShardRole`); the calls made so far, and whether
    /// this step's own call is done.
    var role: ShardRole = .whole
    var calls = 0
    var stepDone = false

    init(limits: LuaLimits, sandboxOptions: SandboxOptions, csvOptions: CSVOptions) throws {
        state = LuaState(limits: limits)
        sandbox = try Sandbox(state: state, options: sandboxOptions)
        self.csvOptions = csvOptions
        try loadHelpers()
    }

    /// The slot of the corpus's store (sub-corpora share their parent's), given on first use.
    func slot(for corpus: Corpus) -> Int32 {
        if let i = corpora.firstIndex(where: { $0.storeIdentity == corpus.storeIdentity }) { return Int32(i) }
        corpora.append(corpus)
        stores.append(StoreBox(corpus, wholeCorpus: isWhole))
        return Int32(corpora.count - 1)
    }

    func corpus(slot: Int32) -> Corpus { corpora[Int(slot)] }

    @inline(__always)
    func storeBox(slot: Int32) -> StoreBox { stores[Int(slot)] }

    /// Registers a type and records its API entries.
    func registerType(_ name: String, _ functions: [APIFunction], index: LuaFunction? = nil,
                      metamethods: [String: LuaFunction] = [:], holdsObject: Bool = true) {
        var methods: [String: LuaFunction] = [:]
        for f in functions { methods[f.entry.name] = f.body }
        registry.add(functions)
        state.registerType(name, methods: methods, index: index, metamethods: metamethods, holdsObject: holdsObject)
    }

    /// Sets a sandbox global to a table of functions and records their entries.
    func setModule(_ name: String, _ functions: [APIFunction]) {
        registry.add(functions)
        sandbox.setGlobal(name) { s in
            s.pushTable(fields: functions.count)
            for f in functions {
                s.push(function: f.entry.name, f.body)
                s.setField(f.entry.name, at: -2)
            }
        }
    }

    /// Pushes helper `name` (a Lua function from the helper chunk).
    func pushHelper(_ name: String, on s: LuaStack) {
        lua_rawgeti_helper(s, helpers)
        s.getField(name, at: -1)
        s.remove(at: -2)
    }

    /// Makes `pairs(object)` of a registered type walk the field names given, in order.
    func setFieldPairs(ofType typeName: String, _ names: [String]) {
        state.setMetamethod("__pairs", ofType: typeName) { s in
            pushHelper("fieldpairs", on: s)
            s.pushArray(names)
            try? s.call(arguments: 1, results: 1)
        }
    }

    private func loadHelpers() throws {
        let s = state.main!
        try state.load(ScriptContext.helperSource, chunkName: "=scriptorium")
        try s.call(arguments: 0, results: 1)
        helpers = s.ref()
    }

    private static let helperSource = #"""
    local setmetatable, error, tostring, next = setmetatable, error, tostring, next
    local helpers = {}
    helpers.tostring = tostring
    -- Iterates positions 1..#obj of an object that indexes by position.
    function helpers.positions(obj)
      local i, n = 0, #obj
      return function()
        i = i + 1
        if i <= n then return obj[i] end
      end
    end
    -- A __pairs metamethod that walks the documented fields `names` of an object.
    function helpers.fieldpairs(names)
      return function(obj)
        local i = 0
        return function()
          i = i + 1
          local name = names[i]
          if name ~= nil then return name, obj[name] end
        end, obj, nil
      end
    end
    -- A read-only view of `values`.
    function helpers.readonly(values, name)
      return setmetatable({}, {
        __index = values,
        __newindex = function(_, key)
          error(name .. " is read-only (cannot set '" .. tostring(key) .. "')", 2)
        end,
        __pairs = function() return next, values, nil end,
        __len = function() return #values end,
        __metatable = name,
      })
    end
    return helpers
    """#
}

private func lua_rawgeti_helper(_ s: LuaStack, _ ref: Int32) { s.pushRegistryValue(ref) }

/// What a report's front block says about the run.
struct RunInfo {
    var script: String
    var corpus: [String]
    var documents: Int
    /// YYYY-MM-DD.
    var date: String
    var job: String?
    var previous: PreviousRun?
}

/// A store held by reference.
final class StoreBox {
    let store: DocumentStore
    private let corpus: Corpus
    /// Whether the store is the whole corpus (not one shard's part of it), so that what is
    /// decided over the whole corpus (citation links, cited works' keys) can be read from it.
    let isWholeCorpus: Bool
    init(_ corpus: Corpus, wholeCorpus: Bool = true) {
        store = corpus.store
        self.corpus = corpus
        isWholeCorpus = wholeCorpus
    }

    /// The store's citation links, made on first use and shared by every view of the store.
    var citations: CitationIndex {
        get throws {
            guard isWholeCorpus else {
                throw ScriptError("citation links (doc.cited_by, ref.target) are made over the whole corpus, which a sharded run does not have yet")
            }
            return corpus.citations
        }
    }

    /// The key of the work reference `i` cites, decided over the whole corpus.
    func referenceKey(_ i: Int) throws -> String {
        guard isWholeCorpus else { throw ScriptError("ref.key is decided over the whole corpus, which a sharded run does not have yet") }
        return store.referenceKeys.of(store)[i]
    }
}
