// Gzip.swift: inflates gzip-compressed files (one or several concatenated members) with the
// system zlib, so that `.gz` exports are read as they are downloaded.
import CZlib

package enum Gzip {
    /// True when the bytes start with the gzip magic number.
    package static func isCompressed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 2 && b[0] == 0x1F && b[1] == 0x8B
    }

    package enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        package var description: String {
            switch self { case .corrupt(let why): return "gzip data is corrupt or truncated (\(why))" }
        }
    }

    /// The inflated bytes of a gzip file.
    package static func inflate(_ input: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var stream = z_stream()
        // 15 + 32: a window of 2^15 and automatic gzip/zlib header detection.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = UInt32(input.count)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            output.append(contentsOf: chunk[0 ..< produced])
            switch status {
            case Z_STREAM_END:
                // Another member may follow (files joined with `cat a.gz b.gz`).
                guard stream.avail_in > 0 else { return output }
                inflateReset(&stream)
            case Z_OK:
                if stream.avail_in == 0 && produced == 0 { throw Failure.corrupt("unexpected end of data") }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { throw Failure.corrupt("unexpected end of data") }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Failure.corrupt(message)
            }
        }
    }
}
