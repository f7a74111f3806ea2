// ArrowMetadata.swift: the Arrow metadata flatbuffers (Schema.fbs, Message.fbs, File.fbs): building them and decoding a schema.

/// Constants of the Arrow IPC format, and the checked decoding of a Schema table.
enum ArrowMetadata {
    /// "ARROW1": at the start of a file (padded to 8 bytes) and at its end.
    static let magic = Array("ARROW1".utf8)
    /// MetadataVersion.V5.
    static let version: Int16 = 4
    /// MessageHeader union ids.
    static let schemaHeader: UInt8 = 1, recordBatchHeader: UInt8 = 3
    /// The deepest nesting of types the reader accepts.
    static let maxDepth = 64
    /// The members of the `Type` union, by id - 1 (for messages).
    private static let typeNames = [
        "Null", "Int", "FloatingPoint", "Binary", "Utf8", "Bool", "Decimal", "Date", "Time", "Timestamp", "Interval",
        "List", "Struct_", "Union", "FixedSizeBinary", "FixedSizeList", "Map", "Duration", "LargeBinary", "LargeUtf8",
        "LargeList", "RunEndEncoded", "BinaryView", "Utf8View", "ListView", "LargeListView",
    ]

    /// Decodes a Schema table. Names and metadata are charged to a budget of the buffer's size, so
    /// tables shared many times over (a decompression bomb) cannot make decoding take long.
    static func schema(_ table: FlatTable) throws -> ArrowSchema {
        guard try table.scalar(0, default: Int16(0)) == 0 else { throw ArrowError("big-endian Arrow files are not supported") }
        var budget = table.buffer.bytes.count
        let fields = try self.fields(table.vector(1, elementSize: 4), parents: [], budget: &budget)
        return try ArrowSchema(fields: fields, metadata: keyValues(table.vector(2, elementSize: 4), budget: &budget))
    }

    private static func fields(_ vector: FlatVector?, parents: [String], budget: inout Int) throws -> [ArrowField] {
        try (0 ..< (vector?.count ?? 0)).map { try field(vector!.table($0), parents: parents, budget: &budget) }
    }

    private static func field(_ table: FlatTable, parents: [String], budget: inout Int) throws -> ArrowField {
        let name = try table.string(0) ?? ""
        let path = parents + [name]
        func fail(_ what: String) -> ArrowError { ArrowError("\(what) in field '\(path.joined(separator: "."))'") }
        budget -= 4 + name.utf8.count
        guard budget >= 0 else { throw ArrowError("the schema holds more fields than its \(table.buffer.bytes.count) bytes can") }
        guard path.count <= maxDepth else { throw fail("types nested deeper than \(maxDepth) levels") }
        guard try table.table(4) == nil else { throw fail("unsupported dictionary encoding") }
        let typeID = Int(try table.scalar(2, default: UInt8(0)))
        guard [2, 3, 4, 5, 6, 12, 13, 20].contains(typeID) else {
            throw fail("unsupported type " + (typeNames.indices.contains(typeID - 1) ? typeNames[typeID - 1] : "\(typeID)"))
        }
        let typeTable = try table.table(3)
        let children = try fields(table.vector(5, elementSize: 4), parents: path, budget: &budget)
        let type: ArrowType
        switch typeID {
        case 2:
            let bits = try typeTable?.scalar(0, default: Int32(0)) ?? 0, signed = try typeTable?.scalar(1, default: UInt8(0)) ?? 0
            guard let index = [8, 16, 32, 64].firstIndex(of: bits) else { throw fail("unsupported type Int(\(bits) bits)") }
            type = (signed != 0 ? [.int8, .int16, .int32, .int64] : [.uint8, .uint16, .uint32, .uint64] as [ArrowType])[index]
        case 3:
            let precision = try typeTable?.scalar(0, default: Int16(0)) ?? 0
            guard precision == 2 else {
                throw fail("unsupported type " + ([0: "Float16", 1: "Float32"][precision] ?? "FloatingPoint(\(precision))"))
            }
            type = .float64
        case 4: type = .binary
        case 5: type = .utf8
        case 6: type = .bool
        case 20: type = .largeUtf8
        case 12:
            guard children.count == 1 else { throw fail("a List with \(children.count) children") }
            type = .list(children[0])
        default: type = .structure(children)
        }
        guard [12, 13].contains(typeID) || children.isEmpty else { throw fail("unexpected children") }
        return try ArrowField(name, type, nullable: table.scalar(1, default: UInt8(0)) != 0,
                              metadata: keyValues(table.vector(6, elementSize: 4), budget: &budget))
    }

    private static func keyValues(_ vector: FlatVector?, budget: inout Int) throws -> [ArrowKeyValue] {
        try (0 ..< (vector?.count ?? 0)).map {
            let table = try vector!.table($0)
            let pair = try ArrowKeyValue(key: table.string(0) ?? "", value: table.string(1) ?? "")
            budget -= 4 + pair.key.utf8.count + pair.value.utf8.count
            guard budget >= 0 else {
                throw ArrowError("the custom metadata holds more than its \(table.buffer.bytes.count) bytes can")
            }
            return pair
        }
    }
}

extension FlatBufferBuilder {
    /// Adds a Message (V5) with the given header; returns its offset.
    mutating func message(header: Int, type: UInt8, bodyLength: Int) -> Int {
        startTable()
        add(0, ArrowMetadata.version)
        add(1, type)
        add(2, offset: header)
        add(3, Int64(bodyLength))
        return endTable()
    }

    /// Adds a RecordBatch: `nodes` are (length, null count) pairs, `buffers` (offset, length) pairs.
    mutating func recordBatch(length: Int, nodes: [Int64], buffers: [Int64]) -> Int {
        let nodes = vector(structsOf: 2, nodes), buffers = vector(structsOf: 2, buffers)
        startTable()
        add(0, Int64(length))
        add(1, offset: nodes)
        add(2, offset: buffers)
        return endTable()
    }

    /// Adds a Footer: `blocks` are (offset, metadata length, body length) triples.
    mutating func footer(schema: ArrowSchema, blocks: [Int64]) -> Int {
        let schema = self.schema(schema), dictionaries = vector(structsOf: 3, []), batches = vector(structsOf: 3, blocks)
        startTable()
        add(0, ArrowMetadata.version)
        add(1, offset: schema)
        add(2, offset: dictionaries)
        add(3, offset: batches)
        return endTable()
    }

    /// Adds a Schema (little endian).
    mutating func schema(_ schema: ArrowSchema) -> Int {
        let fields = vector(offsets: schema.fields.map { field($0) }), metadata = keyValues(schema.metadata)
        startTable()
        add(0, Int16(0))
        add(1, offset: fields)
        if let metadata { add(2, offset: metadata) }
        return endTable()
    }

    private mutating func field(_ field: ArrowField) -> Int {
        let name = string(field.name), type = typeTable(field.type)
        let children = vector(offsets: field.type.childFields.map { self.field($0) }), metadata = keyValues(field.metadata)
        startTable()
        add(0, offset: name)
        add(1, UInt8(field.nullable ? 1 : 0))
        add(2, type.id)
        add(3, offset: type.table)
        add(5, offset: children)
        if let metadata { add(6, offset: metadata) }
        return endTable()
    }

    /// Adds the table of a type; returns it with the type's id in the `Type` union.
    private mutating func typeTable(_ type: ArrowType) -> (id: UInt8, table: Int) {
        startTable()
        let id: UInt8
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            add(0, Int32(8 * type.byteWidth!))
            add(1, UInt8([.int8, .int16, .int32, .int64].contains(type) ? 1 : 0))
            id = 2
        case .float64:
            add(0, Int16(2))  // Precision.DOUBLE
            id = 3
        case .binary: id = 4
        case .utf8: id = 5
        case .largeUtf8: id = 20
        case .bool: id = 6
        case .list: id = 12
        case .structure: id = 13
        }
        return (id, endTable())
    }

    private mutating func keyValues(_ pairs: [ArrowKeyValue]) -> Int? {
        guard !pairs.isEmpty else { return nil }
        return vector(offsets: pairs.map { pair in
            let key = string(pair.key), value = string(pair.value)
            startTable()
            add(0, offset: key)
            add(1, offset: value)
            return endTable()
        })
    }
}
