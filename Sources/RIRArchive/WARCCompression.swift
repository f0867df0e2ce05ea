import FoundationEssentials
import CBrotli
import CZlib

/// Why compressed bytes could not be decoded.
struct DecompressionFailure: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    var cause: String
    var description: String { cause }
}

/// Streaming gzip decompression over zlib that reports where each gzip member ends, so that a
/// `.warc.gz` (one member per record, or one for the whole file) is read in bounded memory and a
/// corrupt member can be skipped to the next one.
final class GzipStream {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 256 << 10)

    init() throws(DecompressionFailure) {
        // 15 + 16: a gzip wrapper, 32 KiB window.
        guard rir_inflate_init2(&stream, 15 + 16) == Z_OK else { throw DecompressionFailure(cause: "zlib cannot start") }
    }

    deinit { inflateEnd(&stream) }

    /// Starts a new member (after a member end or to skip a corrupt one).
    func reset() { inflateReset(&stream) }

    /// Inflates `input`, handing decoded bytes to `decoded` and the number of input bytes consumed
    /// at each member end to `memberEnded`. Throws at corrupt data with the input consumed so far.
    func inflate(_ input: ArraySlice<UInt8>, decoded: (ArraySlice<UInt8>) -> Void,
                 memberEnded: (_ consumed: Int) -> Void) throws(GzipCorruption) {
        var failure: GzipCorruption?
        input.withUnsafeBufferPointer { inBuffer in
            guard let base = inBuffer.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(inBuffer.count)
            let capacity = output.count
            while true {
                let status: Int32 = output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(capacity)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = capacity - Int(stream.avail_out)
                if produced > 0 { decoded(output[0..<produced]) }
                let consumed = inBuffer.count - Int(stream.avail_in)
                if status == Z_STREAM_END {
                    memberEnded(consumed)
                    inflateReset(&stream)
                    if stream.avail_in == 0 { return }
                    continue
                }
                if status == Z_OK {
                    if stream.avail_in == 0 && stream.avail_out != 0 { return }
                    continue
                }
                if status == Z_BUF_ERROR && stream.avail_in == 0 { return }
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                failure = GzipCorruption(consumed: consumed, cause: message)
                return
            }
        }
        if let failure { throw failure }
    }
}

/// Corrupt gzip data, `consumed` bytes into the input given.
struct GzipCorruption: Error, Sendable {
    var consumed: Int
    var cause: String
}

/// HTTP `Content-Encoding` decoding of a body already in memory, capped like a fetch.
enum ContentDecoding {
    /// `body` with every coding of `encoding` (`gzip`, `x-gzip`, `deflate`, `br`, `identity`;
    /// listed in the order applied) removed; at most `maxBytes` long.
    static func decode(_ body: [UInt8], encoding: String?, maxBytes: Int) throws(DecompressionFailure) -> [UInt8] {
        let codings = (encoding ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        var bytes = body
        for coding in codings.reversed() {
            switch coding {
            case "gzip", "x-gzip": bytes = try zlib(bytes, windowBits: 15 + 32, maxBytes: maxBytes, name: "gzip")
            case "deflate":
                // RFC 9110's deflate is zlib-wrapped; some servers send raw deflate.
                do { bytes = try zlib(bytes, windowBits: 15, maxBytes: maxBytes, name: "deflate") } catch {
                    bytes = try zlib(bytes, windowBits: -15, maxBytes: maxBytes, name: "deflate")
                }
            case "br": bytes = try brotli(bytes, maxBytes: maxBytes)
            default: throw DecompressionFailure(cause: "unsupported Content-Encoding \(coding)")
            }
        }
        if bytes.count > maxBytes { throw DecompressionFailure(cause: "the body is over the \(maxBytes)-byte cap") }
        return bytes
    }

    private static func zlib(_ input: [UInt8], windowBits: Int32, maxBytes: Int, name: String) throws(DecompressionFailure) -> [UInt8] {
        var stream = z_stream()
        guard rir_inflate_init2(&stream, windowBits) == Z_OK else { throw DecompressionFailure(cause: "zlib cannot start") }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var status: Int32 = Z_OK
        input.withUnsafeBufferPointer { inBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.avail_in = UInt32(inBuffer.count)
            repeat {
                let capacity = chunk.count
                status = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(capacity)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                out.append(contentsOf: chunk[0..<(capacity - Int(stream.avail_out))])
                if out.count > maxBytes { return }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        if out.count > maxBytes { throw DecompressionFailure(cause: "the body is over the \(maxBytes)-byte cap once decoded") }
        guard status == Z_STREAM_END else {
            let message = stream.msg.map { String(cString: $0) } ?? "it ends early"
            throw DecompressionFailure(cause: "cannot decode the \(name) body: \(message)")
        }
        return out
    }

    private static func brotli(_ input: [UInt8], maxBytes: Int) throws(DecompressionFailure) -> [UInt8] {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw DecompressionFailure(cause: "brotli cannot start")
        }
        defer { BrotliDecoderDestroyInstance(state) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
        input.withUnsafeBufferPointer { inBuffer in
            var availableIn = inBuffer.count
            var nextIn = inBuffer.baseAddress
            while result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT {
                let capacity = chunk.count
                var availableOut = capacity
                result = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    var nextOut = outBuffer.baseAddress
                    return BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                }
                out.append(contentsOf: chunk[0..<(capacity - availableOut)])
                if out.count > maxBytes { return }
            }
        }
        if out.count > maxBytes { throw DecompressionFailure(cause: "the body is over the \(maxBytes)-byte cap once decoded") }
        guard result == BROTLI_DECODER_RESULT_SUCCESS else {
            let code = BrotliDecoderGetErrorCode(state)
            let name = BrotliDecoderErrorString(code).map { String(cString: $0) } ?? "it ends early"
            throw DecompressionFailure(cause: "cannot decode the br body: \(name)")
        }
        return out
    }
}

/// gzip compression of one WARC record (one gzip member per record, as ISO 28500 Annex D asks).
public enum GzipMember {
    /// `bytes` as one complete gzip member.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard rir_deflate_init2(&stream, 6, 15 + 16) == Z_OK else { preconditionFailure("zlib deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let capacity = out.count
        let status: Int32 = bytes.withUnsafeBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(capacity)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound guarantees room for the whole member in one call.
        precondition(status == Z_STREAM_END, "zlib deflate did not finish within deflateBound")
        out.removeLast(Int(stream.avail_out))
        return out
    }
}
