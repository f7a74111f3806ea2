// ArrowSchema.swift: the Arrow types, fields and schemas this module writes and reads.

/// The Arrow data types supported here.
package indirect enum ArrowType: Equatable, Sendable {
    case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float64, utf8, binary
    /// Text with 64-bit offsets, for a column of more than 2 GB.
    case largeUtf8
    /// Arrow List (32-bit offsets) of values of the child field's type.
    case list(ArrowField)
    /// Arrow Struct_: one child array per field, each of the struct's length.
    case structure([ArrowField])
}

/// One entry of custom metadata (an Arrow KeyValue).
package struct ArrowKeyValue: Equatable, Sendable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A named column (or child of a nested type).
package struct ArrowField: Equatable, Sendable {
    package var name: String
    package var type: ArrowType
    package var nullable: Bool
    package var metadata: [ArrowKeyValue]

    package init(_ name: String, _ type: ArrowType, nullable: Bool = true, metadata: [ArrowKeyValue] = []) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }
}

/// The columns of a file and its custom metadata.
package struct ArrowSchema: Equatable, Sendable {
    package var fields: [ArrowField]
    package var metadata: [ArrowKeyValue]

    package init(fields: [ArrowField], metadata: [ArrowKeyValue] = []) {
        self.fields = fields
        self.metadata = metadata
    }
}
