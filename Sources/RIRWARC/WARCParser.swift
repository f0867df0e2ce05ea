/// One record read from a WARC stream.
public struct WARCRecord: Sendable, Hashable {
    /// The record's header block.
    public var header: WARCRecordHeader
    /// Where its `WARC/1.x` line starts in the (decompressed) stream.
    public var offset: Int
    /// The block's size (`Content-Length`).
    public var length: Int
    /// The block, when the keep rule asked for it and it fits; nil otherwise.
    public var block: [UInt8]?
    /// Whether the keep rule asked for the block but it is longer than the rule's cap.
    public var overLimit: Bool
}

/// What a ``WARCParser`` hands over: a whole record, or a stretch of bytes that is not one.
public enum WARCEvent: Sendable, Hashable {
    /// A record, complete with its trailing CRLF CRLF.
    case record(WARCRecord)
    /// A broken record (bad header, cut short, wrong length) starting at `offset` in the stream.
    /// Reading goes on with the next record found after it.
    case malformed(offset: Int, reason: String)
}

/// A streaming WARC record reader: it consumes byte chunks of any size and emits each record as
/// soon as its last byte has arrived, keeping only the blocks its keep rule asks for. Memory is
/// bounded by the largest kept block, whatever the size of the stream.
///
/// Hand-written rather than taken from a package: no Swift package reads WARC, and the framing
/// is small (a header block, `Content-Length` bytes, CRLF CRLF).
///
/// A record whose block is not followed by CRLF CRLF (truncated, or a wrong `Content-Length`) is
/// reported as malformed; when its block was kept, reading resumes at the first `WARC/1.x` marker
/// inside it (the next record, swallowed by the bad length), else at the next marker after it.
public struct WARCParser: Sendable {
    /// Given a record's header, the largest block to keep in memory, or nil to skip the block.
    public typealias KeepRule = @Sendable (WARCRecordHeader) -> Int?

    /// The largest header block read before the record is judged malformed.
    public static let maxHeaderBytes = 256 << 10

    private enum State: Sendable {
        case between
        case header
        case block(remaining: Int)
        case trailer
        case resync(matched: Int)
    }

    private let keep: KeepRule
    private var state: State = .between
    private var headerBytes: [UInt8] = []
    private var recordStart = 0
    private var current: WARCRecord?
    private var blockStart = 0
    private var trailerBytes: [UInt8] = []

    /// Bytes of the stream consumed so far.
    public private(set) var offset = 0

    /// Creates a parser that keeps the blocks `keep` asks for.
    public init(keep: @escaping KeepRule) {
        self.keep = keep
    }

    /// Where the record being read starts, when one is open.
    public var openRecordOffset: Int? {
        switch state {
        case .between, .resync: nil
        case .header, .block, .trailer: recordStart
        }
    }

    /// Consumes the next bytes of the stream.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, emit: (WARCEvent) -> Void) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch state {
            case .between:
                let byte = bytes[index]
                if byte == 0x0D || byte == 0x0A {
                    index += 1; offset += 1
                } else {
                    state = .header
                    recordStart = offset
                    headerBytes.removeAll(keepingCapacity: true)
                }
            case .header:
                index = readHeader(bytes, from: index, emit: emit)
            case .block(let remaining):
                let count = min(remaining, bytes.endIndex - index)
                if current?.block != nil { current?.block?.append(contentsOf: bytes[index..<(index + count)]) }
                index += count; offset += count
                state = remaining == count ? .trailer : .block(remaining: remaining - count)
                if remaining == count { trailerBytes.removeAll(keepingCapacity: true) }
            case .trailer:
                let byte = bytes[index]
                trailerBytes.append(byte)
                index += 1; offset += 1
                let expected: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
                if byte != expected[trailerBytes.count - 1] {
                    recoverFromBadTrailer(emit: emit)
                } else if trailerBytes.count == 4, let record = current {
                    emit(.record(record))
                    current = nil
                    state = .between
                }
            case .resync(let matched):
                let byte = bytes[index]
                index += 1; offset += 1
                let marker = Self.marker
                // A record cut short is followed by the next one mid-line: the marker may come anywhere.
                if byte == marker[matched] {
                    if matched + 1 == marker.count {
                        state = .header
                        recordStart = offset - marker.count
                        headerBytes = marker
                    } else {
                        state = .resync(matched: matched + 1)
                    }
                } else {
                    state = .resync(matched: byte == marker[0] ? 1 : 0)
                }
            }
        }
    }

    /// Consumes the next bytes of the stream.
    public mutating func feed(_ bytes: [UInt8], emit: (WARCEvent) -> Void) {
        feed(bytes[...], emit: emit)
    }

    /// Marks the end of a gzip member: each member of a `.warc.gz` holds whole records, so a
    /// record still open here was cut short. The next byte starts a new record.
    public mutating func endOfMember(emit: (WARCEvent) -> Void) {
        closeOpenRecord(cause: "the record is cut short: its gzip member ends before the record does", emit: emit)
    }

    /// Marks the end of the stream: a record still open is reported as truncated.
    public mutating func finish(emit: (WARCEvent) -> Void) {
        closeOpenRecord(cause: "the record is cut short: the file ends before the record does", emit: emit)
    }

    // MARK: - Steps

    private static let marker = Array("WARC/1.".utf8)

    private mutating func closeOpenRecord(cause: String, emit: (WARCEvent) -> Void) {
        switch state {
        case .between, .resync:
            break
        case .header where headerBytes.allSatisfy({ $0 == 0x0D || $0 == 0x0A }):
            break
        case .header, .block, .trailer:
            let detail: String
            if case .block(let remaining) = state, let record = current {
                detail = " (\(record.length - remaining) of its \(record.length) block bytes are present)"
            } else {
                detail = ""
            }
            emit(.malformed(offset: recordStart, reason: cause + detail))
            // A kept block cut short may hold the start of the records after it (a wrong
            // Content-Length swallowed them): read them again from there.
            if case .block = state, let block = current?.block, let restart = Self.recordStart(in: block) {
                let end = offset
                current = nil
                state = .between
                offset = blockStart + restart
                feed(block[restart...], emit: emit)
                closeOpenRecord(cause: cause, emit: emit)
                offset = end
                return
            }
        }
        current = nil
        headerBytes.removeAll(keepingCapacity: true)
        state = .between
    }

    /// Reads header bytes from `index`; returns where reading stopped.
    private mutating func readHeader(_ bytes: ArraySlice<UInt8>, from index: Int, emit: (WARCEvent) -> Void) -> Int {
        var position = index
        while position < bytes.endIndex {
            let byte = bytes[position]
            headerBytes.append(byte)
            position += 1
            offset += 1
            guard byte == 0x0A else { continue }
            let count = headerBytes.count
            let endsCRLF = count >= 4 && headerBytes[(count - 4)...] == [0x0D, 0x0A, 0x0D, 0x0A]
            let endsLF = count >= 2 && headerBytes[count - 2] == 0x0A
            guard endsCRLF || endsLF else { continue }
            let body = headerBytes[..<(count - (endsCRLF ? 4 : 2))]
            do {
                let header = try WARCRecordHeader(parsing: body)
                startBlock(header)
            } catch {
                emit(.malformed(offset: recordStart, reason: error.description))
                state = .resync(matched: 0)
            }
            return position
        }
        if headerBytes.count > Self.maxHeaderBytes {
            emit(.malformed(offset: recordStart,
                            reason: "malformed WARC record header: no blank line in its first \(Self.maxHeaderBytes) bytes"))
            state = .resync(matched: 0)
        }
        return position
    }

    private mutating func startBlock(_ header: WARCRecordHeader) {
        let length = header.contentLength ?? 0
        let limit = keep(header)
        let kept = limit.map { length <= $0 } ?? false
        var block: [UInt8]? = nil
        if kept { block = []; block?.reserveCapacity(length) }
        current = WARCRecord(header: header, offset: recordStart, length: length, block: block,
                             overLimit: limit != nil && !kept)
        blockStart = offset
        trailerBytes.removeAll(keepingCapacity: true)
        state = length == 0 ? .trailer : .block(remaining: length)
    }

    /// The block is not followed by CRLF CRLF: report the record, then resume at the first record
    /// start inside the kept block (or scan on).
    private mutating func recoverFromBadTrailer(emit: (WARCEvent) -> Void) {
        let record = current
        let start = recordStart
        let type = record?.header.type ?? ""
        emit(.malformed(offset: start, reason: """
            the \(type.isEmpty ? "" : type + " ")record's \(record?.length ?? 0)-byte block is not followed by CRLF CRLF: \
            the record is truncated or its Content-Length is wrong
            """))
        current = nil
        let tail = trailerBytes
        guard let block = record?.block, let restart = Self.recordStart(in: block) else {
            state = .resync(matched: 0)
            // The bytes after the block may themselves begin the next line.
            feed(tail[...], emit: emit)
            return
        }
        let resumeOffset = offset
        offset = blockStart + restart
        state = .between
        feed(block[restart...] + tail, emit: emit)
        // The re-read bytes end where reading had got to.
        offset = resumeOffset
    }

    /// The first `WARC/1.N` + CRLF in `bytes` after its first byte: where a record swallowed by a
    /// wrong length starts. A record cut short is followed by the next one mid-line, so the
    /// marker is searched anywhere, and the header that follows must still parse.
    static func recordStart(in bytes: [UInt8]) -> Int? {
        let count = marker.count
        var index = 1
        while index + count + 3 <= bytes.count {
            if bytes[index] == marker[0], bytes[index..<(index + count)].elementsEqual(marker),
               (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + count]),
               bytes[index + count + 1] == 0x0D, bytes[index + count + 2] == 0x0A {
                return index
            }
            index += 1
        }
        return nil
    }
}
