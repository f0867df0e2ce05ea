import Foundation
import RIRWARC

/// Where a record starts in a WARC file: a byte offset in the file (plain `.warc`, or the gzip
/// member of a `.warc.gz` that starts with the record), or else in the decompressed stream
/// (a `.warc.gz` compressed as one member).
public struct WARCPosition: Sendable, Hashable, CustomStringConvertible {
    /// The byte offset.
    public var offset: Int
    /// Whether ``offset`` counts decompressed bytes rather than bytes of the file.
    public var inDecompressedStream: Bool

    public var description: String {
        inDecompressedStream ? "offset \(offset) of the decompressed stream" : "offset \(offset)"
    }
}

/// What reading a WARC file hands over.
enum WARCFileEvent {
    /// A whole record.
    case record(WARCRecord, at: WARCPosition)
    /// A broken record or broken gzip data, and why.
    case malformed(at: WARCPosition, reason: String)
}

/// Reads a WARC file in fixed-size pieces (never whole), inflating it when it is gzip, and hands
/// its records over one by one. Compression is detected by content, not by the file name.
struct WARCFileReader {
    /// The file.
    var path: String
    /// Bytes read from the file at a time.
    static let readSize = 1 << 20

    /// Whether the file at `path` is a WARC: it starts with `WARC/1.`, or is gzip whose
    /// decompressed bytes do.
    static func isWARC(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096).map({ [UInt8]($0) }), head.count >= 7 else { return false }
        let marker = Array("WARC/1.".utf8)
        if head.starts(with: marker) { return true }
        guard head.starts(with: [0x1F, 0x8B]), let gzip = try? GzipStream() else { return false }
        var decoded: [UInt8] = []
        do {
            try gzip.inflate(head[...], decoded: { decoded += $0 }, memberEnded: { _ in })
        } catch {
            if decoded.count < marker.count { return false }
        }
        return decoded.starts(with: marker)
    }

    /// Reads the whole file; `keep` says which blocks to hold in memory. Throws only when the file
    /// cannot be opened or read.
    func read(keep: @escaping WARCParser.KeepRule, _ handle: (WARCFileEvent) -> Void) throws(InputError) {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw FileManager.default.fileExists(atPath: path)
                ? .unreadable(path: path, cause: "permission denied") : .notFound(path: path)
        }
        defer { try? file.close() }
        func next() throws(InputError) -> [UInt8]? {
            do {
                guard let data = try file.read(upToCount: Self.readSize), !data.isEmpty else { return nil }
                return [UInt8](data)
            } catch {
                throw .unreadable(path: path, cause: "\(error)")
            }
        }
        guard let first = try next() else { return }
        var parser = WARCParser(keep: keep)
        if first.starts(with: [0x1F, 0x8B]) {
            try readGzip(first: first, next: next, parser: &parser, handle)
        } else {
            var chunk: [UInt8]? = first
            while let bytes = chunk {
                parser.feed(bytes) { event in handle(Self.plain(event)) }
                chunk = try next()
            }
            parser.finish { event in handle(Self.plain(event)) }
        }
    }

    private static func plain(_ event: WARCEvent) -> WARCFileEvent {
        switch event {
        case .record(let record): .record(record, at: WARCPosition(offset: record.offset, inDecompressedStream: false))
        case .malformed(let offset, let reason): .malformed(at: WARCPosition(offset: offset, inDecompressedStream: false),
                                                           reason: reason)
        }
    }

    /// The gzip members met so far that a record may still start in: where each starts in the
    /// decompressed stream and in the file.
    private struct Members {
        var starts: [(stream: Int, file: Int)] = []

        /// A record's position: its member's file offset when the record starts the member.
        func position(of streamOffset: Int) -> WARCPosition {
            if let member = starts.last(where: { $0.stream <= streamOffset }), member.stream == streamOffset {
                return WARCPosition(offset: member.file, inDecompressedStream: false)
            }
            return WARCPosition(offset: streamOffset, inDecompressedStream: true)
        }

        /// Forgets members that no record still open can start in.
        mutating func prune(before streamOffset: Int) {
            while starts.count > 1, starts[1].stream <= streamOffset { starts.removeFirst() }
        }
    }

    private func readGzip(first: [UInt8], next: () throws(InputError) -> [UInt8]?, parser: inout WARCParser,
                          _ handle: (WARCFileEvent) -> Void) throws(InputError) {
        let gzip: GzipStream
        do { gzip = try GzipStream() } catch { throw .unreadable(path: path, cause: error.cause) }
        var members = Members()
        members.starts.append((0, 0))
        var fileOffset = 0          // file offset of the chunk being inflated
        var memberEnded = false     // a member just ended: does the next one start a record?
        var skipping = false        // after corrupt data: looking for the next gzip member
        var chunk: [UInt8]? = first
        func emit(_ event: WARCEvent) {
            switch event {
            case .record(let record): handle(.record(record, at: members.position(of: record.offset)))
            case .malformed(let offset, let reason): handle(.malformed(at: members.position(of: offset), reason: reason))
            }
        }
        func decoded(_ bytes: ArraySlice<UInt8>) {
            if memberEnded {
                memberEnded = false
                // Members normally hold whole records; a record still open when the next member
                // starts with a new record was cut short. (Members that split records, as
                // bgzip writes, are read through.)
                if parser.openRecordOffset != nil, bytes.starts(with: Array("WARC/1.".utf8)) {
                    parser.endOfMember(emit: emit)
                }
            }
            parser.feed(bytes, emit: emit)
        }
        while let bytes = chunk {
            var start = 0
            while start < bytes.count {
                if skipping {
                    guard let found = Self.memberStart(in: bytes, from: start) else { start = max(start, bytes.count - 2); break }
                    skipping = false
                    start = found
                    gzip.reset()
                    members.starts.append((parser.offset, fileOffset + found))
                }
                do {
                    let base = start
                    try gzip.inflate(bytes[base...], decoded: decoded, memberEnded: { consumed in
                        memberEnded = true
                        members.starts.append((parser.offset, fileOffset + base + consumed))
                    })
                    start = bytes.count
                } catch {
                    let at = fileOffset + start + error.consumed
                    parser.endOfMember(emit: emit)
                    handle(.malformed(at: WARCPosition(offset: members.starts.last?.file ?? at, inDecompressedStream: false),
                                      reason: "corrupt gzip data near offset \(at): \(error.cause)"))
                    skipping = true
                    start += max(1, error.consumed)
                }
            }
            members.prune(before: parser.openRecordOffset ?? parser.offset)
            // Keep the last two bytes while skipping: a member header may straddle two reads.
            let carried = skipping && start < bytes.count ? Array(bytes[start...]) : []
            fileOffset += bytes.count - carried.count
            chunk = try next().map { carried + $0 }
        }
        parser.finish(emit: emit)
    }

    /// The next gzip member header (`1f 8b 08`) at or after `start`.
    static func memberStart(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == 0x1F, bytes[index + 1] == 0x8B, bytes[index + 2] == 0x08 { return index }
            index += 1
        }
        return nil
    }
}
