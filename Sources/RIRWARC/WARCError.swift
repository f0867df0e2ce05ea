/// What can be wrong with WARC bytes: a record's framing, its HTTP message or its chunked body.
public enum WARCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record's header block cannot be read (no `WARC/1.x` line, a bad field, no Content-Length).
    case badHeader(String)
    /// The HTTP message in a `response` block cannot be read.
    case badHTTP(String)
    /// A `Transfer-Encoding: chunked` body is malformed or cut short.
    case badChunks(String)
    /// A body grows past the size cap when de-chunked or decoded.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .badHeader(let cause): "malformed WARC record header: \(cause)"
        case .badHTTP(let cause): "malformed HTTP message: \(cause)"
        case .badChunks(let cause): "malformed chunked body: \(cause)"
        case .tooLarge(let limit): "the body is over the \(limit)-byte cap"
        }
    }
}
