import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An `AF_UNIX` datagram socket standing in for systemd's notify socket (`$NOTIFY_SOCKET`), for
/// the daemon's tests and the benchmark. A thread of its own receives every datagram as it comes,
/// so a sender never finds the socket's small queue full.
public final class NotifyListener: Sendable {
    /// The value to put in `NOTIFY_SOCKET`: a path, or `@name` for an abstract socket.
    public let address: String
    private let path: String?
    private let descriptor: Int32
    private let state = Mutex((messages: [String](), closed: false, reading: false))
    private let finished = DispatchSemaphore(value: 0)

    /// What can go wrong when the socket is set up.
    public struct SetUpError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Binds a socket at `path`, or in `folder` under a fresh name, or (`abstract`) to an abstract name.
    /// With `reading` false nothing is received until ``startReading()`` (a listener that stops
    /// reading, whose queue fills).
    public init(path: String? = nil, folder: String? = nil, abstract: Bool = false, reading: Bool = true) throws {
        let name: [UInt8]
        if abstract {
            let label = "rir-test-\(getpid())-\(UUID().uuidString.prefix(8))"
            address = "@" + label
            self.path = nil
            name = [0] + Array(label.utf8)
        } else {
            let chosen = path ?? (folder ?? NSTemporaryDirectory()) + "/notify-\(UUID().uuidString.prefix(6)).sock"
            address = chosen
            self.path = chosen
            name = Array(chosen.utf8) + [0]
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SetUpError(description: "cannot create a notify socket: errno \(errno)") }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        guard name.count <= MemoryLayout.size(ofValue: socketAddress.sun_path) else {
            Glibc.close(descriptor)
            throw SetUpError(description: "the notify socket path \(address) is too long for sun_path")
        }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: name) }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + name.count)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw SetUpError(description: "cannot bind the notify socket \(address): errno \(code)")
        }
        // Wake up every 100 ms to see whether the listener was closed.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.descriptor = descriptor
        if reading {
            state.withLock { $0.reading = true }
            Thread { [self] in receive() }.start()
        } else {
            // Nothing to wait for at close until a reader is started.
            finished.signal()
        }
    }

    /// Starts the thread that receives every datagram, for a listener made with `reading: false`.
    public func startReading() {
        let start = state.withLock { state in
            defer { state.reading = true }
            return !state.reading
        }
        guard start else { return }
        finished.wait()
        Thread { [self] in receive() }.start()
    }

    deinit { close() }

    /// Every message received so far, in order.
    public var messages: [String] { state.withLock { $0.messages } }

    /// Waits (up to `seconds`) for a message at index `start` or later that satisfies `predicate`;
    /// returns its index, or nil.
    public func waitFor(after start: Int = 0, within seconds: Double = 10, _ predicate: (String) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let messages = self.messages
            if start < messages.count, let found = messages[start...].firstIndex(where: predicate) { return found }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    /// Waits (up to `seconds`) for the next message that satisfies `predicate`, reading on from the
    /// last message this call returned (as a reader of the socket would); returns it, or nil.
    @discardableResult
    public func next(within seconds: Double = 10, where predicate: (String) -> Bool) -> String? {
        let start = consumed.withLock { $0 }
        guard let index = waitFor(after: start, within: seconds, predicate) else { return nil }
        consumed.withLock { $0 = index + 1 }
        return messages[index]
    }

    /// ``next(within:where:)`` for a message containing `text`.
    @discardableResult
    public func waitFor(containing text: String, within seconds: Double = 10) -> String? {
        next(within: seconds) { $0.contains(text) }
    }

    /// The index after the last message ``next(within:where:)`` returned.
    private let consumed = Mutex(0)

    /// Stops receiving and removes the socket.
    public func close() {
        let first = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        _ = finished.wait(timeout: .now() + 5)
        Glibc.close(descriptor)
        if let path { unlink(path) }
    }

    private func receive() {
        defer { finished.signal() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !state.withLock({ $0.closed }) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { continue }
            let message = String(decoding: buffer[..<count], as: UTF8.self)
            state.withLock { $0.messages.append(message) }
        }
    }
}
