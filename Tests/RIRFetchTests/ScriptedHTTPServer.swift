import Foundation
import Glibc
import Synchronization

/// One request as the scripted server received it.
struct RecordedRequest: Sendable {
    var method: String
    var target: String
    /// Header values by lower-case name.
    var headers: [String: String]
}

/// What the scripted server does with one request.
enum ScriptedResponse: Sendable {
    /// A complete response; `Content-Length` is added unless `headers` carry one.
    case reply(status: Int, headers: [String: String] = [:], body: [UInt8] = [])
    /// Announces `declaredLength` bytes, sends `sentLength`, then closes the connection.
    case truncated(declaredLength: Int, sentLength: Int)
    /// A 200 whose body of `totalBytes` is streamed in pieces, with `Content-Length` or chunked.
    case stream(totalBytes: Int, chunked: Bool)
    /// Sends the head of a 200 and then nothing for up to `seconds` (or until the client hangs up).
    case stall(seconds: Double)
}

/// A small HTTP/1.1 server on 127.0.0.1 with a port picked by the kernel, answering each
/// request (one per connection) from a script, on a background thread of its own.
final class ScriptedHTTPServer: Sendable {
    /// The bound port.
    let port: Int
    /// The bound loopback address.
    let address: String
    private let listener: Int32
    private let script: @Sendable (RecordedRequest, Int) -> ScriptedResponse
    private let state = Mutex(State())

    private struct State {
        var requests: [RecordedRequest] = []
        var bodyBytesSent = 0
        var stopped = false
    }

    /// Answers the n-th request with `responses[n]`, or with the last one when the script runs out.
    convenience init(address: String = "127.0.0.1", responses: [ScriptedResponse]) throws {
        try self.init(address: address) { _, index in responses[min(index, responses.count - 1)] }
    }

    /// Answers each request with what `script` returns for it and its index.
    init(address: String = "127.0.0.1",
         script: @escaping @Sendable (RecordedRequest, Int) -> ScriptedResponse) throws {
        precondition(address.hasPrefix("127."), "tests only ever use loopback addresses")
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServerError("socket() failed") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = 0
        socketAddress.sin_addr.s_addr = inet_addr(address)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw ServerError("cannot listen on \(address)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
        self.address = address
        self.listener = descriptor
        self.script = script
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// `http://ADDRESS:PORT` followed by `path`.
    func url(_ path: String) -> String { "http://\(address):\(port)\(path)" }

    /// The requests received so far, in order.
    var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Body bytes written to clients so far (those the kernel accepted).
    var bodyBytesSent: Int { state.withLock { $0.bodyBytesSent } }

    /// Stops accepting; the serving thread closes the listening socket and ends.
    func stop() { state.withLock { $0.stopped = true } }

    // MARK: - Serving

    private func serve() {
        defer { close(listener) }
        while !state.withLock({ $0.stopped }) {
            guard wait(for: listener, seconds: 0.05) else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        guard let request = readRequest(from: client) else { return }
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
            guard send(head: status, head, to: client) else { return }
            _ = sendBody(body, to: client)
        case .truncated(let declared, let sent):
            guard send(head: 200, ["Content-Length": String(declared)], to: client) else { return }
            _ = sendBody([UInt8](repeating: UInt8(ascii: "x"), count: sent), to: client)
        case .stream(let total, let chunked):
            let head = chunked ? ["Transfer-Encoding": "chunked"] : ["Content-Length": String(total)]
            guard send(head: 200, head, to: client) else { return }
            stream(total, chunked: chunked, to: client)
        case .stall(let seconds):
            guard send(head: 200, ["Content-Length": "100"], to: client) else { return }
            // Returns early when the client gives up and closes its end.
            _ = wait(for: client, seconds: seconds)
        }
    }

    private func stream(_ total: Int, chunked: Bool, to client: Int32) {
        let piece = [UInt8](repeating: UInt8(ascii: "y"), count: 64 * 1024)
        var remaining = total
        while remaining > 0 {
            let part = Array(piece.prefix(remaining))
            let framed = chunked ? Array("\(String(part.count, radix: 16))\r\n".utf8) + part + Array("\r\n".utf8) : part
            guard sendBody(framed, to: client) else { return }
            remaining -= part.count
        }
        if chunked { _ = sendAll(Array("0\r\n\r\n".utf8), to: client) }
    }

    private func readRequest(from client: Int32) -> RecordedRequest? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator = Array("\r\n\r\n".utf8)
        while !received.ends(with: terminator) && received.count < 64 * 1024 {
            guard wait(for: client, seconds: 2) else { return nil }
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[0..<count]
            // Not HTTP (a TLS ClientHello starts with 0x16): hang up at once.
            guard let first = received.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else {
                return nil
            }
            if received.firstRange(of: terminator) != nil { break }
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
        return RecordedRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers)
    }

    // MARK: - Sockets

    private func send(head status: Int, _ headers: [String: String], to client: Int32) -> Bool {
        var text = "HTTP/1.1 \(status) Scripted\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            text += "\(name): \(value)\r\n"
        }
        return sendAll(Array((text + "\r\n").utf8), to: client)
    }

    private func sendBody(_ bytes: [UInt8], to client: Int32) -> Bool {
        let ok = sendAll(bytes, to: client)
        if ok { state.withLock { $0.bodyBytesSent += bytes.count } }
        return ok
    }

    private func sendAll(_ bytes: [UInt8], to client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Whether `descriptor` became readable within `seconds`.
    private func wait(for descriptor: Int32, seconds: Double) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(seconds * 1000)) > 0
    }
}

/// A port on 127.0.0.1 that is bound but not listening: connecting to it is refused.
struct ClosedLoopbackPort {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw ServerError("cannot bind a loopback port") }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
    }

    func release() { close(descriptor) }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
