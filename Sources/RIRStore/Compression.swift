import CZstd

/// zstd compression of captured bytes.
enum Compression {
    static let level: Int32 = 9

    /// Compresses `bytes`, with `dictionary` as a shared prefix when given.
    static func compress(_ bytes: [UInt8], dictionary: [UInt8]? = nil) throws(StoreError) -> [UInt8] {
        let bound = ZSTD_compressBound(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written: Int = out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                if let dictionary {
                    let cctx = ZSTD_createCCtx()
                    defer { ZSTD_freeCCtx(cctx) }
                    return dictionary.withUnsafeBytes { dict in
                        ZSTD_compress_usingDict(cctx, dst.baseAddress, bound, src.baseAddress, bytes.count,
                                                dict.baseAddress, dictionary.count, level)
                    }
                }
                return ZSTD_compress(dst.baseAddress, bound, src.baseAddress, bytes.count, level)
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
        let produced: Int = out.withUnsafeMutableBytes { dst in
            data.withUnsafeBytes { src in
                if let dictionary {
                    let dctx = ZSTD_createDCtx()
                    defer { ZSTD_freeDCtx(dctx) }
                    return dictionary.withUnsafeBytes { dict in
                        ZSTD_decompress_usingDict(dctx, dst.baseAddress, dst.count, src.baseAddress, data.count,
                                                  dict.baseAddress, dictionary.count)
                    }
                }
                return ZSTD_decompress(dst.baseAddress, dst.count, src.baseAddress, data.count)
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
