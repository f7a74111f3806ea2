// ArrowFileWriter.swift: writes an Arrow IPC file (Feather v2), streaming the record batches' buffers to the file.

/// Writes an Arrow IPC file: the magic, the schema message, one message and body per record batch,
/// then the footer. Buffers are copied from the caller's memory to the file through the sink's
/// buffer, never gathered in memory; each starts at a file offset that is a multiple of 64 (so
/// does each body, padded to a multiple of 64), and a mapping of the file gives aligned buffers.
package struct ArrowFileWriter {
    private let sink: ArrowFileSink
    private let schema: ArrowSchema
    /// Offset, metadata length and body length of each record batch written.
    private var blocks: [Int64] = []
    private var isFinished = false

    /// Creates or truncates the file at `path`; writes the magic and the schema message.
    package init(path: String, schema: ArrowSchema) throws {
        sink = try ArrowFileSink(path: path)
        self.schema = schema
        try sink.write(ArrowMetadata.magic + [0, 0])
        var builder = FlatBufferBuilder()
        let header = builder.schema(schema)
        let message = builder.message(header: header, type: ArrowMetadata.schemaHeader, bodyLength: 0)
        _ = try writeMessage(builder.finish(root: message))
    }

    /// Writes a record batch of `length` rows; `columns` match the schema's fields, each given
    /// the buffers and children its type needs, large enough for its length.
    package mutating func write(batchOf length: Int, columns: [ArrowArrayData]) throws {
        let context = "record batch \(blocks.count / 3)"
        guard !isFinished else { throw ArrowError("\(context): the file is already finished") }
        guard columns.count == schema.fields.count else {
            throw ArrowError("\(context): \(columns.count) columns for \(schema.fields.count) fields")
        }
        var body = BodyLayout(context: context)
        for (column, field) in zip(columns, schema.fields) {
            guard column.length == length else {
                throw ArrowError("\(context), field '\(field.name)': \(column.length) values in a batch of \(length) rows")
            }
            try body.add(column, field, path: field.name)
        }
        var builder = FlatBufferBuilder()
        let batch = builder.recordBatch(length: length, nodes: body.nodes, buffers: body.regions)
        let message = builder.message(header: batch, type: ArrowMetadata.recordBatchHeader, bodyLength: body.length)
        let offset = sink.position
        let metadataLength = try writeMessage(builder.finish(root: message))
        for buffer in body.buffers {
            for piece in buffer.pieces { try sink.write(piece) }
            try sink.write([UInt8](repeating: 0, count: padding(buffer.byteCount)))
        }
        blocks += [Int64(offset), Int64(metadataLength), Int64(body.length)]
    }

    /// Writes the end-of-stream marker, the footer (schema and record batch blocks), its length and
    /// the magic; closes the file.
    package mutating func finish() throws {
        guard !isFinished else { throw ArrowError("the file is already finished") }
        isFinished = true
        try sink.write(UInt32.max)
        try sink.write(Int32(0))
        var builder = FlatBufferBuilder()
        let footer = builder.footer(schema: schema, blocks: blocks)
        let bytes = builder.finish(root: footer)
        try sink.write(bytes)
        try sink.write(Int32(bytes.count))
        try sink.write(ArrowMetadata.magic)
        try sink.close()
    }

    /// Writes an encapsulated message: the continuation marker, the metadata length, the flatbuffer,
    /// and zeros up to a file offset that is a multiple of 64. Returns the message's length.
    private func writeMessage(_ flatbuffer: [UInt8]) throws -> Int {
        let start = sink.position, end = start + 8 + flatbuffer.count + padding(start + 8 + flatbuffer.count)
        guard end - start - 8 <= Int32.max else { throw ArrowError("the metadata of a message exceeds 2 GB") }
        try sink.write(UInt32.max)
        try sink.write(Int32(end - start - 8))
        try sink.write(flatbuffer)
        try sink.write([UInt8](repeating: 0, count: end - sink.position))
        return end - start
    }
}

/// The zeros that pad `count` bytes to a multiple of 64.
private func padding(_ count: Int) -> Int { (64 - count % 64) % 64 }

/// The field nodes and buffers of a record batch body in the order of the format (depth first),
/// checked against the schema; each buffer at an offset that is a multiple of 64.
private struct BodyLayout {
    let context: String
    /// Length and null count of each array.
    var nodes: [Int64] = []
    /// Offset and length of each buffer in the body.
    var regions: [Int64] = []
    var buffers: [ArrowBuffer] = []
    var length = 0

    mutating func add(_ array: ArrowArrayData, _ field: ArrowField, path: String) throws {
        let type = field.type, names = type.bufferNames, children = type.childFields
        func fail(_ what: String) -> ArrowError { ArrowError("\(context), field '\(path)': \(what)") }
        guard array.length >= 0, array.nullCount >= 0, array.nullCount <= array.length else {
            throw fail("\(array.nullCount) nulls in \(array.length) values")
        }
        guard array.buffers.count == names.count else {
            throw fail("\(array.buffers.count) buffers given for \(names.count) (\(names.joined(separator: ", ")))")
        }
        guard array.children.count == children.count else {
            throw fail("\(array.children.count) children given for \(children.count)")
        }
        nodes += [Int64(array.length), Int64(array.nullCount)]
        for (index, buffer) in array.buffers.enumerated() {
            let count = buffer.byteCount
            if let problem = type.bufferProblem(index, byteCount: count, length: array.length, nullCount: array.nullCount) {
                throw fail(problem)
            }
            regions += [Int64(length), Int64(count)]
            buffers.append(buffer)
            length += count + padding(count)
        }
        for (child, childField) in zip(array.children, children) {
            if case .structure = type, child.length != array.length {
                throw fail("child '\(childField.name)' has \(child.length) values, the struct \(array.length)")
            }
            try add(child, childField, path: path + "." + childField.name)
        }
    }
}
