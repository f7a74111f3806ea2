// swift-tools-version:6.0
// Scriptorium: an embeddable Lua 5.4 scripting and report engine for corpora of scholarly articles.
import PackageDescription

let package = Package(
    name: "Scriptorium",
    platforms: [.macOS(.v13)],
    products: [
        // The engine as a library: `import Scriptorium` (its public API is in Sources/Scriptorium).
        .library(name: "Scriptorium", targets: ["Scriptorium"]),
        .executable(name: "scriptorium", targets: ["ScriptoriumCLI"]),
        .executable(name: "EmbedDemo", targets: ["EmbedDemo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The system Lua 5.4 library, found with pkg-config.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"]), .brew(["lua"])]
        ),
        // C wrappers for Lua's API macros, the call trampoline, the count hook and the capped allocator.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "Lua", dependencies: ["CLuaShim"]),
        // The system zlib, for .gz corpus files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // The corpus layer, one target a layer, each importing only those below it:
        // bytes and shared primitives (byte classes, the hash, mapped files, parallel chunks, gzip);
        .target(name: "CorpusBytes", dependencies: ["CZlib"]),
        // the document model as plain values (document, reference, author name, schema, types);
        .target(name: "CorpusModel", dependencies: ["CorpusBytes"]),
        // the Arrow IPC file format, in which packs are written; needs nothing;
        .target(name: "Arrow"),
        // the columnar store and the corpus views over it, and its packs;
        .target(name: "CorpusStore", dependencies: ["CorpusModel", "CorpusBytes", "Arrow"]),
        // the readers of every export format, each writing through the store's sink;
        .target(name: "CorpusReaders", dependencies: ["CorpusStore", "CorpusModel", "CorpusBytes"]),
        // loading: the loader, the cache, merging duplicates, linking citations, author identities.
        .target(name: "Corpus", dependencies: ["CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes"]),
        // Table and Cell: what every aggregation returns and every report writer takes.
        .target(name: "Tables"),
        // Networks: the graph, its statistics, clustering, layout and file formats; needs nothing.
        .target(name: "Graphs"),
        .target(name: "Analysis", dependencies: ["Corpus", "CorpusStore", "CorpusModel", "CorpusBytes", "Tables", "Graphs"]),
        .target(name: "Reports", dependencies: ["Tables"]),
        .target(name: "CIsolation"),
        .target(name: "Scripting", dependencies: ["Lua", "CIsolation", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes", "Tables", "Graphs", "Analysis", "Reports"]),
        // Report jobs: the jobs file, cron times, run folders, locks and the run history in SQLite.
        .target(name: "Scheduling", dependencies: [
            "Scripting", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes", "Tables", "Analysis", "Reports",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The public library: the small API embedding programs and the command use.
        .target(name: "Scriptorium", dependencies: ["Lua", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes", "Tables", "Analysis", "Reports", "Scripting", "Scheduling"]),
        // Process-wide settings for the command (allocator policy).
        .target(name: "CSystem"),
        // The command: a client of the public library only (a test checks its imports).
        .executableTarget(
            name: "ScriptoriumCLI",
            dependencies: ["Scriptorium", "CSystem", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // A program that embeds the engine with a host module (the README's Embedding section).
        .executableTarget(name: "EmbedDemo", dependencies: ["Scriptorium"], path: "Examples/EmbedDemo"),
        // The corpus readers under libFuzzer (Tools/fuzz), or a replay of saved inputs.
        .executableTarget(name: "ReaderFuzzer", dependencies: ["Arrow", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes"]),
        .testTarget(name: "LuaTests", dependencies: ["Lua"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes", "Arrow"], exclude: ["FuzzRegressions", "Fidelity", "References", "Addresses"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Tables", "Graphs", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes"],
                    exclude: ["Stemming"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Tables"]),
        .testTarget(name: "GraphsTests", dependencies: ["Graphs"]),
        .testTarget(name: "ScriptingTests", dependencies: ["Scripting", "Tables", "Corpus", "CorpusReaders", "CorpusStore", "CorpusModel", "CorpusBytes"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Scriptorium"], exclude: ["PublicAPI.txt"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ScriptoriumCLI", "CSystem"]),
    ],
    swiftLanguageModes: [.v5]
)
