// ArrowFile.swift: reads an Arrow IPC file (Feather v2), memory-mapped, checking everything it reads.
import Foundation

/// An Arrow IPC file, mapped read-only. Array buffers point into the mapping and stay valid while
/// this object lives. Reading checks every offset and length taken from the file, so a damaged or
/// hostile file throws an `ArrowError` instead of reading out of bounds. The schema is the footer's.
package final class ArrowFile: @unchecked Sendable {
    package let schema: ArrowSchema
    private let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool
    private let blocks: [Block]

    /// Where a record batch lies in the file, as the footer says.
    private struct Block {
        let offset: Int, metadataLength: Int, bodyLength: Int
    }

    /// Maps the file at `path` and reads its footer.
    package convenience init(path: String) throws {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ArrowError("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { _ = Foundation.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ArrowError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        guard info.st_size > 0 else { throw ArrowError("not an Arrow file: '\(path)' is empty") }
        let size = Int(info.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            throw ArrowError("cannot map '\(path)': \(String(cString: strerror(errno)))")
        }
        try self.init(UnsafeRawBufferPointer(start: address, count: size), isMapped: true)
    }

    /// For tests and fuzzing: reads from a copy of `bytes`, in an allocation aligned to 64 bytes.
    package convenience init(bytes: [UInt8]) throws {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 64)
        copy.copyBytes(from: bytes)
        try self.init(UnsafeRawBufferPointer(copy), isMapped: false)
    }

    private init(_ bytes: UnsafeRawBufferPointer, isMapped: Bool) throws {
        self.bytes = bytes
        self.isMapped = isMapped
        do {
            (schema, blocks) = try Self.readFooter(bytes)
        } catch {
            Self.release(bytes, isMapped: isMapped)
            throw error
        }
    }

    deinit { Self.release(bytes, isMapped: isMapped) }

    private static func release(_ bytes: UnsafeRawBufferPointer, isMapped: Bool) {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            bytes.deallocate()
        }
    }

    /// The number of record batches.
    package var batchCount: Int { blocks.count }

    /// The size of the file.
    package var byteCount: Int { bytes.count }

    /// The start of the mapping (or of the copy of the bytes).
    package var baseAddress: UnsafeRawPointer? { bytes.baseAddress }

    /// Reads the magic at both ends, the footer's schema and its record batch blocks.
    private static func readFooter(_ file: UnsafeRawBufferPointer) throws -> (ArrowSchema, [Block]) {
        let magic = ArrowMetadata.magic
        guard file.count >= 8, file.starts(with: magic) else {
            throw ArrowError("not an Arrow file: the magic ARROW1 is missing at the start")
        }
        guard file.count >= 18, file.suffix(6).elementsEqual(magic) else {
            throw ArrowError("not an Arrow file, or a truncated one: the magic ARROW1 is missing at the end")
        }
        let footerLength = file.int32(at: file.count - 10)
        guard footerLength > 0, footerLength <= file.count - 18 else {
            throw ArrowError("the footer length \(footerLength) does not fit in the \(file.count)-byte file")
        }
        let root = try FlatBuffer(bytes: file.bytes(at: file.count - 10 - footerLength, count: footerLength), context: "footer").root()
        let version = try root.scalar(0, default: Int16(0))
        guard version == 3 || version == 4 else {
            throw ArrowError("footer: metadata version V\(Int(version) + 1) is not supported (V4 or V5 is)")
        }
        guard let schema = try root.table(1) else { throw ArrowError("footer: the schema is missing") }
        let batches = try root.vector(3, elementSize: 24)
        let blocks = try (0 ..< (batches?.count ?? 0)).map {
            try Block(offset: Int(batches!.load($0, at: 0, as: Int64.self)),
                      metadataLength: Int(batches!.load($0, at: 8, as: Int32.self)),
                      bodyLength: Int(batches!.load($0, at: 16, as: Int64.self)))
        }
        return try (ArrowMetadata.schema(schema), blocks)
    }

    /// Reads record batch `index`, checking its metadata and buffers against the schema and the body.
    package func batch(_ index: Int) throws -> ArrowBatch {
        let context = "record batch \(index)"
        guard blocks.indices.contains(index) else { throw ArrowError("\(context) does not exist (the file has \(blocks.count))") }
        let block = blocks[index]
        guard block.offset >= 8, block.offset <= bytes.count,
              block.metadataLength >= 8, block.metadataLength <= bytes.count - block.offset,
              block.bodyLength >= 0, block.bodyLength <= bytes.count - block.offset - block.metadataLength else {
            throw ArrowError("\(context): its \(block.metadataLength) bytes of metadata and \(block.bodyLength) of body "
                + "at \(block.offset) lie outside the file")
        }
        // An encapsulated message: the continuation marker (missing before Arrow 0.15), the length, the flatbuffer.
        let region = bytes.bytes(at: block.offset, count: block.metadataLength)
        var (start, length) = (4, region.int32(at: 0))
        if length == -1 { (start, length) = (8, region.int32(at: 4)) }
        guard length > 0, length <= region.count - start else {
            throw ArrowError("\(context): the metadata length \(length) does not fit in its \(region.count)-byte block")
        }
        let message = try FlatBuffer(bytes: region.bytes(at: start, count: length), context: "\(context) metadata").root()
        guard try message.scalar(1, default: UInt8(0)) == ArrowMetadata.recordBatchHeader,
              let header = try message.table(2) else {
            throw ArrowError("\(context): the message is not a record batch")
        }
        guard try header.table(3) == nil else { throw ArrowError("\(context): compressed record batches are not supported") }
        let rows = Int(try header.scalar(0, default: Int64(0)))
        guard rows >= 0 else { throw ArrowError("\(context): negative length \(rows)") }
        var reader = try BatchReader(context: context, nodes: header.vector(1, elementSize: 16),
                                     buffers: header.vector(2, elementSize: 16),
                                     body: bytes.bytes(at: block.offset + block.metadataLength, count: block.bodyLength))
        let columns = try schema.fields.map { field in
            let column = try reader.array(field, path: [field.name])
            guard column.length == rows else {
                throw ArrowError("\(context), field '\(field.name)': \(column.length) values in a batch of \(rows) rows")
            }
            return column
        }
        return ArrowBatch(length: rows, columns: columns)
    }
}

/// Takes a record batch's field nodes and buffers in schema order (depth first), checking each
/// buffer against the body, its alignment and the size the array's type and length need.
private struct BatchReader {
    let context: String
    let nodes: FlatVector?, buffers: FlatVector?
    let body: UnsafeRawBufferPointer
    var nextNode = 0, nextBuffer = 0

    init(context: String, nodes: FlatVector?, buffers: FlatVector?, body: UnsafeRawBufferPointer) {
        (self.context, self.nodes, self.buffers, self.body) = (context, nodes, buffers, body)
    }

    /// The array of `field`; `path` names it from the top-level field down (joined only for messages).
    mutating func array(_ field: ArrowField, path: [String]) throws -> ArrowArray {
        let context = context
        func fail(_ what: String) -> ArrowError { ArrowError("\(context), field '\(path.joined(separator: "."))': \(what)") }
        guard let nodes, nextNode < nodes.count else { throw fail("the record batch has only \(nodes?.count ?? 0) field nodes") }
        let length = Int(try nodes.load(nextNode, at: 0, as: Int64.self))
        let nullCount = Int(try nodes.load(nextNode, at: 8, as: Int64.self))
        nextNode += 1
        guard length >= 0, nullCount >= 0, nullCount <= length else { throw fail("\(nullCount) nulls in \(length) values") }
        let type = field.type
        var views: [UnsafeRawBufferPointer] = []
        for (index, name) in type.bufferNames.enumerated() {
            guard let buffers, nextBuffer < buffers.count else {
                throw fail("the record batch has only \(buffers?.count ?? 0) buffers")
            }
            let offset = Int(try buffers.load(nextBuffer, at: 0, as: Int64.self))
            let count = Int(try buffers.load(nextBuffer, at: 8, as: Int64.self))
            nextBuffer += 1
            var view = UnsafeRawBufferPointer(start: nil, count: 0)
            if count != 0 && (index > 0 || nullCount > 0) {
                guard offset >= 0, count >= 0, offset <= body.count, count <= body.count - offset else {
                    throw fail("buffer \(index) (\(name), \(count) bytes at \(offset)) lies outside the body (\(body.count) bytes)")
                }
                view = body.bytes(at: offset, count: count)
                let alignment = type.alignment(ofBuffer: index)
                guard Int(bitPattern: view.baseAddress) % alignment == 0 else {
                    throw fail("buffer \(index) (\(name), at \(offset)) is not aligned to \(alignment) bytes")
                }
            }
            if let problem = type.bufferProblem(index, byteCount: view.count, length: length, nullCount: nullCount) {
                throw fail(problem)
            }
            views.append(view)
        }
        let children = try type.childFields.map { child in
            let array = try self.array(child, path: path + [child.name])
            if case .structure = type, array.length != length {
                throw fail("child '\(child.name)' has \(array.length) values, the struct \(length)")
            }
            return array
        }
        return ArrowArray(type: type, length: length, nullCount: nullCount, buffers: views, children: children)
    }
}

private extension UnsafeRawBufferPointer {
    /// The `count` bytes at `offset`, which the caller checked lie inside.
    func bytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: self[offset ..< offset + count]) }

    /// The little-endian Int32 at `offset`, which the caller checked lies inside.
    func int32(at offset: Int) -> Int { Int(Int32(littleEndian: loadUnaligned(fromByteOffset: offset, as: Int32.self))) }
}
