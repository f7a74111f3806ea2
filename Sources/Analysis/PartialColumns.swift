// PartialColumns.swift: the file form of a partial result (what one shard's part of an aggregation
// gives, before the parts are merged): named columns of integers, numbers and text in one Arrow
// IPC record batch, with the kind of partial in the schema's metadata. Partials are small next to
// the corpus, so they are read back by copying.
import Arrow
import Foundation

package struct PartialColumns {
    package enum Column {
        case ints([Int64])
        case numbers([Double])
        case texts([String])

        var count: Int {
            switch self {
            case .ints(let v): v.count
            case .numbers(let v): v.count
            case .texts(let v): v.count
            }
        }
    }

    /// The kind of partial (which type reads it back).
    package var kind: String
    package private(set) var names: [String] = []
    package private(set) var columns: [Column] = []
    /// Small values of the partial that are not columns (its arguments, a total).
    package var values: [String: String] = [:]

    package init(kind: String) { self.kind = kind }

    package var length: Int { columns.first?.count ?? 0 }

    package mutating func add(_ name: String, _ column: Column) {
        precondition(columns.isEmpty || column.count == length, "column '\(name)' has \(column.count) values, not \(length)")
        names.append(name)
        columns.append(column)
    }

    private func column(_ name: String) throws -> Column {
        guard let i = names.firstIndex(of: name) else { throw ArrowError("the partial '\(kind)' has no column '\(name)'") }
        return columns[i]
    }

    package func ints(_ name: String) throws -> [Int64] {
        guard case .ints(let v) = try column(name) else { throw ArrowError("column '\(name)' of the partial '\(kind)' is not integers") }
        return v
    }

    package func numbers(_ name: String) throws -> [Double] {
        guard case .numbers(let v) = try column(name) else { throw ArrowError("column '\(name)' of the partial '\(kind)' is not numbers") }
        return v
    }

    package func texts(_ name: String) throws -> [String] {
        guard case .texts(let v) = try column(name) else { throw ArrowError("column '\(name)' of the partial '\(kind)' is not text") }
        return v
    }

    package func value(_ name: String) throws -> String {
        guard let v = values[name] else { throw ArrowError("the partial '\(kind)' has no value '\(name)'") }
        return v
    }

    // MARK: Files

    private static let kindKey = "scriptorium.partial.kind", valuesKey = "scriptorium.partial.values"

    /// Writes the partial as an Arrow IPC file, beside `path` first and then renamed into place.
    package func write(to path: String) throws {
        let valuesJSON = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys]), as: UTF8.self)
        let fields = zip(names, columns).map { name, column -> ArrowField in
            switch column {
            case .ints: ArrowField(name, .int64, nullable: false)
            case .numbers: ArrowField(name, .float64, nullable: false)
            case .texts: ArrowField(name, .largeUtf8, nullable: false)
            }
        }
        let schema = ArrowSchema(fields: fields, metadata: [ArrowKeyValue(key: Self.kindKey, value: kind), ArrowKeyValue(key: Self.valuesKey, value: valuesJSON)])
        let temporary = path + ".partial-\(getpid())"
        // The text columns' offsets and bytes, kept alive while the file is written.
        let texts: [(offsets: [Int64], bytes: [UInt8])] = columns.map { column in
            guard case .texts(let values) = column else { return ([], []) }
            var offsets: [Int64] = [0]
            var bytes: [UInt8] = []
            for v in values {
                bytes.append(contentsOf: v.utf8)
                offsets.append(Int64(bytes.count))
            }
            return (offsets, bytes)
        }
        try withBuffers(columns, texts) { arrays in
            var writer = try ArrowFileWriter(path: temporary, schema: schema)
            try writer.write(batchOf: length, columns: arrays)
            try writer.finish()
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ArrowError("cannot move the partial into '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Calls `body` with the columns as arrays to write, their memory pinned for the call.
    private func withBuffers(_ columns: [Column], _ texts: [(offsets: [Int64], bytes: [UInt8])], _ i: Int = 0, _ done: [ArrowArrayData] = [],
                             _ body: ([ArrowArrayData]) throws -> Void) throws {
        guard i < columns.count else { return try body(done) }
        let n = columns[i].count
        func next(_ data: ArrowArrayData) throws { try withBuffers(columns, texts, i + 1, done + [data], body) }
        switch columns[i] {
        case .ints(let v): try v.withUnsafeBytes { try next(ArrowArrayData(length: n, buffers: [.absent, ArrowBuffer([$0])])) }
        case .numbers(let v): try v.withUnsafeBytes { try next(ArrowArrayData(length: n, buffers: [.absent, ArrowBuffer([$0])])) }
        case .texts:
            try texts[i].offsets.withUnsafeBytes { offsets in
                try texts[i].bytes.withUnsafeBytes { bytes in
                    try next(ArrowArrayData(length: n, buffers: [.absent, ArrowBuffer([offsets]), ArrowBuffer([bytes])]))
                }
            }
        }
    }

    /// Reads a partial written by `write(to:)`; the error names the file.
    package static func read(_ path: String) throws -> PartialColumns {
        do {
            let file = try ArrowFile(path: path)
            let metadata = file.schema.metadata
            guard let kind = metadata.first(where: { $0.key == kindKey })?.value else { throw ArrowError("it is not a partial result") }
            var partial = PartialColumns(kind: kind)
            if let json = metadata.first(where: { $0.key == valuesKey })?.value,
               let values = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] {
                partial.values = values
            }
            let batch = file.batchCount == 0 ? nil : try file.batch(0)
            for (k, field) in file.schema.fields.enumerated() {
                guard let array = batch?.columns[k] else {
                    partial.add(field.name, field.type == .largeUtf8 ? .texts([]) : field.type == .float64 ? .numbers([]) : .ints([]))
                    continue
                }
                switch field.type {
                case .int64: partial.add(field.name, .ints(Array(array.values(as: Int64.self).prefix(array.length))))
                case .float64: partial.add(field.name, .numbers(Array(array.values(as: Double.self).prefix(array.length))))
                case .largeUtf8, .utf8:
                    try array.checkOffsets()
                    partial.add(field.name, .texts((0 ..< array.length).map { array.string($0) }))
                default: throw ArrowError("column '\(field.name)' has a type partials do not use")
                }
            }
            return partial
        } catch let e as ArrowError {
            throw ArrowError("'\(path)' cannot be read as a partial result: \(e)")
        }
    }
}
