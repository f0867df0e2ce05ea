#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Synchronization

/// A small HTTP/1.1 server on a loopback address, for tests: it answers each request (one per
/// connection, `Connection: close`) from a script, on a background thread of its own, and records
/// every request it received. The port is picked by the kernel.
///
/// ```swift
/// let server = try LoopbackHTTPServer(responses: [.reply(status: 200, body: Array(html.utf8))])
/// defer { server.stop() }
/// fetch(server.url("/en/rir?doc=1"))
/// #expect(server.requests.first?.headers["if-none-match"] == nil)
/// ```
public final class LoopbackHTTPServer: Sendable {
    /// One request as the server received it.
    public struct Request: Sendable {
        /// `GET`, `HEAD`, …
        public var method: String
        /// The request target: path and query (`/en/rir?doc=1`).
        public var target: String
        /// Header values by lower-case name.
        public var headers: [String: String]
    }

    /// What the server does with one request.
    public enum Response: Sendable {
        /// A complete response; `Content-Length` is added unless `headers` carry one.
        case reply(status: Int, headers: [String: String] = [:], body: [UInt8] = [])
        /// Announces `declaredLength` bytes, sends `sentLength`, then closes the connection.
        case truncated(declaredLength: Int, sentLength: Int)
        /// A 200 whose body of `totalBytes` is streamed in pieces, with `Content-Length` or chunked.
        case stream(totalBytes: Int, chunked: Bool)
        /// Sends the head of a 200 and then nothing for up to `seconds` (or until the client hangs up).
        case stall(seconds: Double)

        /// A 200 with an HTML body (`text/html; charset=utf-8`) and any extra headers.
        public static func html(_ page: String, headers: [String: String] = [:]) -> Response {
            var all = headers
            all["Content-Type"] = "text/html; charset=utf-8"
            return .reply(status: 200, headers: all, body: Array(page.utf8))
        }
    }

    /// The bound port.
    public let port: Int
    /// The bound loopback address.
    public let address: String
    private let listener: Int32
    private let script: @Sendable (Request, Int) -> Response
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var requests: [Request] = []
        var bodyBytesSent = 0
        var stopped = false
    }

    /// Answers the n-th request with `responses[n]`, or with the last one when the list runs out.
    public convenience init(address: String = "127.0.0.1", responses: [Response]) throws {
        precondition(!responses.isEmpty, "a server needs at least one response")
        try self.init(address: address) { _, index in responses[min(index, responses.count - 1)] }
    }

    /// Answers each request with what `script` returns for it and its index (0 for the first).
    public init(address: String = "127.0.0.1",
                script: @escaping @Sendable (_ request: Request, _ index: Int) -> Response) throws {
        precondition(address.hasPrefix("127."), "test servers only ever listen on loopback addresses")
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackServerError("cannot open a socket: \(Self.lastError)") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = 0
        socketAddress.sin_addr.s_addr = inet_addr(address)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard listening else {
            let reason = Self.lastError
            close(descriptor)
            throw LoopbackServerError("cannot listen on \(address): \(reason)")
        }
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
        self.address = address
        self.listener = descriptor
        self.script = script
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// `http://ADDRESS:PORT` followed by `path` (which starts with `/`).
    public func url(_ path: String) -> String { "http://\(address):\(port)\(path)" }

    /// The requests received so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Body bytes written to clients so far (those the kernel accepted).
    public var bodyBytesSent: Int { state.withLock { $0.bodyBytesSent } }

    /// Stops accepting connections and waits (at most 5 s) for the connection in hand to end.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if first { _ = finished.wait(timeout: .now() + 5) }
    }

    // MARK: - Serving

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func serve() {
        defer {
            close(listener)
            finished.signal()
        }
        while !isStopped {
            guard Self.waitReadable(listener, seconds: 0.05) else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            // Children started by the tests must not inherit the connection.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        guard let request = Self.readRequest(from: client) else { return }
        let index = state.withLock { state in
            state.requests.append(request)
            return state.requests.count - 1
        }
        switch script(request, index) {
        case .reply(let status, let headers, let body):
            var head = headers
            if !head.keys.contains(where: { $0.lowercased() == "content-length" }) {
                head["Content-Length"] = String(body.count)
            }
            guard writeHead(status, head, to: client) else { return }
            if request.method != "HEAD" { _ = writeBody(body, to: client) }
        case .truncated(let declared, let sent):
            guard writeHead(200, ["Content-Length": String(declared)], to: client) else { return }
            _ = writeBody([UInt8](repeating: UInt8(ascii: "x"), count: sent), to: client)
        case .stream(let total, let chunked):
            let head = chunked ? ["Transfer-Encoding": "chunked"] : ["Content-Length": String(total)]
            guard writeHead(200, head, to: client) else { return }
            stream(total, chunked: chunked, to: client)
        case .stall(let seconds):
            guard writeHead(200, ["Content-Length": "100"], to: client) else { return }
            // Returns early when the client gives up and closes its end.
            _ = Self.waitReadable(client, seconds: seconds)
        }
    }

    private func stream(_ total: Int, chunked: Bool, to client: Int32) {
        let piece = [UInt8](repeating: UInt8(ascii: "y"), count: 64 * 1024)
        var remaining = total
        while remaining > 0 {
            let part = Array(piece.prefix(remaining))
            let framed = chunked ? Array("\(String(part.count, radix: 16))\r\n".utf8) + part + Array("\r\n".utf8) : part
            guard writeBody(framed, to: client) else { return }
            remaining -= part.count
        }
        if chunked { _ = Self.writeAll(Array("0\r\n\r\n".utf8), to: client) }
    }

    /// Reads the request line and headers (a body, if any, is ignored); nil when the client sends
    /// nothing within 2 s, hangs up, or does not speak HTTP (a TLS ClientHello starts with 0x16).
    private static func readRequest(from client: Int32) -> Request? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        while received.firstRange(of: terminator) == nil {
            guard received.count < 64 * 1024, waitReadable(client, seconds: 2) else { return nil }
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[0..<count]
            guard let first = received.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else {
                return nil
            }
        }
        let lines = String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
    }

    // MARK: - Sockets

    private func writeHead(_ status: Int, _ headers: [String: String], to client: Int32) -> Bool {
        var text = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(value)\r\n"
        }
        return Self.writeAll(Array((text + "\r\n").utf8), to: client)
    }

    private func writeBody(_ bytes: [UInt8], to client: Int32) -> Bool {
        let written = Self.writeAll(bytes, to: client)
        if written { state.withLock { $0.bodyBytesSent += bytes.count } }
        return written
    }

    private static func writeAll(_ bytes: [UInt8], to client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Whether `descriptor` became readable (or hung up) within `seconds`.
    private static func waitReadable(_ descriptor: Int32, seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(seconds * 1000)) > 0
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Scripted"
        }
    }

    static var lastError: String { String(cString: strerror(errno)) }
}

/// A port on 127.0.0.1 that is bound but not listening: connecting to it is refused.
public struct ClosedLoopbackPort: Sendable {
    /// The bound port.
    public let port: Int
    private let descriptor: Int32

    /// Binds a kernel-picked port on 127.0.0.1 without listening.
    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackServerError("cannot open a socket: \(LoopbackHTTPServer.lastError)") }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw LoopbackServerError("cannot bind a loopback port: \(LoopbackHTTPServer.lastError)")
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
    }

    /// Closes the socket (the port may then be reused by anyone).
    public func release() { close(descriptor) }
}

/// Why a loopback test server could not start.
public struct LoopbackServerError: Error, CustomStringConvertible {
    /// What failed and why.
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
