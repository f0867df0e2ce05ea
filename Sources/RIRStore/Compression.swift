import CZstd
import Synchronization

/// zstd compression of captured bytes.
///
/// Compression and decompression contexts are reused from small pools instead of being created
/// per call: creating a context allocates and zeroes its tables, which a profile of ingest and
/// search showed as a visible share of the time.
enum Compression {
    /// zstd's default level. Measured on the seeds: level 9 made first captures 5.8 % smaller
    /// (9,685 against 10,246 bytes for MEX201601.E) but compressed at 71 MB/s against 431, and a
    /// delta against the previous capture differs by a few bytes; compression was a sixth of ingest.
    static let level: Int32 = 3

    /// A zstd context. It is used by one thread at a time: taken out of its pool for one call and
    /// put back after, so handing it between threads is safe.
    private struct Context: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Contexts not in use, of one kind; at most ``limit`` are kept.
    private final class Pool: Sendable {
        let make: @Sendable () -> OpaquePointer?
        let free: @Sendable (OpaquePointer) -> Void
        private let idle = Mutex<[Context]>([])
        static let limit = 4

        init(make: @escaping @Sendable () -> OpaquePointer?, free: @escaping @Sendable (OpaquePointer) -> Void) {
            self.make = make
            self.free = free
        }

        /// Runs `body` with a context taken from the pool (or made), and puts it back after.
        func with<T>(_ body: (OpaquePointer?) -> T) -> T {
            let context = idle.withLock { $0.popLast()?.pointer } ?? make()
            defer {
                if let context {
                    let kept = idle.withLock { pool in
                        guard pool.count < Self.limit else { return false }
                        pool.append(Context(pointer: context))
                        return true
                    }
                    if !kept { free(context) }
                }
            }
            return body(context)
        }
    }

    private static let compressors = Pool(make: { ZSTD_createCCtx() }, free: { _ = ZSTD_freeCCtx($0) })
    private static let decompressors = Pool(make: { ZSTD_createDCtx() }, free: { _ = ZSTD_freeDCtx($0) })

    private static func withCompressor<T>(_ body: (OpaquePointer?) -> T) -> T { compressors.with(body) }

    private static func withDecompressor<T>(_ body: (OpaquePointer?) -> T) -> T { decompressors.with(body) }

    /// Compresses `bytes`, with `dictionary` as a shared prefix when given.
    static func compress(_ bytes: [UInt8], dictionary: [UInt8]? = nil) throws(StoreError) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written: Int = withCompressor { cctx in
            out.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { src in
                    guard let dictionary else {
                        return ZSTD_compressCCtx(cctx, dst.baseAddress, bound, src.baseAddress, bytes.count, level)
                    }
                    return dictionary.withUnsafeBytes { dict in
                        ZSTD_compress_usingDict(cctx, dst.baseAddress, bound, src.baseAddress, bytes.count,
                                                dict.baseAddress, dictionary.count, level)
                    }
                }
            }
        }
        if ZSTD_isError(written) != 0 {
            throw .corrupt("zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
        }
        out.removeSubrange(written...)
        return out
    }

    /// Decompresses a frame made by ``compress(_:dictionary:)``, whose header records its size.
    static func decompress(_ data: [UInt8], dictionary: [UInt8]? = nil) throws(StoreError) -> [UInt8] {
        let size = data.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, data.count) }
        guard size != ZSTD_CONTENTSIZE_UNKNOWN, size != ZSTD_CONTENTSIZE_ERROR, size <= UInt64(Int.max) else {
            throw .corrupt("a compressed frame does not record its size")
        }
        return try decompress(data, size: Int(size), dictionary: dictionary)
    }

    /// Decompresses a frame made by ``compress(_:dictionary:)`` whose content size is `size`.
    static func decompress(_ data: [UInt8], size: Int, dictionary: [UInt8]? = nil) throws(StoreError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(size, 1))
        let produced: Int = withDecompressor { dctx in
            out.withUnsafeMutableBytes { dst in
                data.withUnsafeBytes { src in
                    guard let dictionary else {
                        return ZSTD_decompressDCtx(dctx, dst.baseAddress, dst.count, src.baseAddress, data.count)
                    }
                    return dictionary.withUnsafeBytes { dict in
                        ZSTD_decompress_usingDict(dctx, dst.baseAddress, dst.count, src.baseAddress, data.count,
                                                  dict.baseAddress, dictionary.count)
                    }
                }
            }
        }
        if ZSTD_isError(produced) != 0 {
            throw .corrupt("zstd decompression failed: \(String(cString: ZSTD_getErrorName(produced)))")
        }
        guard produced == size else {
            throw .corrupt("decompressed \(produced) bytes where \(size) were stored")
        }
        out.removeSubrange(produced...)
        return out
    }
}
