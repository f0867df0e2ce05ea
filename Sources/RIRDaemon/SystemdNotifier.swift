#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Sends service state to systemd over `$NOTIFY_SOCKET` (the sd_notify protocol, without libsystemd).
///
/// Each message is one datagram of `KEY=value` lines to the `AF_UNIX` socket named by the variable:
/// a path, or `@name` for an abstract socket. Without the variable every call does nothing.
public final class SystemdNotifier: Sendable {
    /// The socket address as given in `NOTIFY_SOCKET`, or nil when notifications are off.
    public let address: String?
    private let socketFD: Int32
    private let addressBytes: [UInt8]

    /// Creates a notifier for `environment["NOTIFY_SOCKET"]`; a no-op when it is unset or empty.
    public init(environment: [String: String]) throws(DaemonError) {
        guard let address = environment["NOTIFY_SOCKET"], !address.isEmpty else {
            self.address = nil
            self.socketFD = -1
            self.addressBytes = []
            return
        }
        var bytes = Array(address.utf8)
        if bytes.first == UInt8(ascii: "@") {
            bytes[0] = 0
        } else if bytes.first != UInt8(ascii: "/") {
            throw .notifySocket(address: address, reason: "not an absolute path or @abstract name")
        }
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard bytes.count < capacity else {
            throw .notifySocket(address: address, reason: "longer than \(capacity - 1) bytes")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .notifySocket(address: address, reason: POSIX.lastError) }
        self.address = address
        self.socketFD = fd
        self.addressBytes = bytes
    }

    deinit {
        if socketFD >= 0 { close(socketFD) }
    }

    /// Whether messages are sent anywhere.
    public var isEnabled: Bool { socketFD >= 0 }

    // MARK: - Messages

    /// `READY=1` with a status line: start-up (or a reload) is complete.
    public func ready(status: String) throws(DaemonError) { try send(["READY=1", "STATUS=\(status)"]) }

    /// `STATUS=…`: a one-line description of what the service is doing.
    public func status(_ text: String) throws(DaemonError) { try send(["STATUS=\(text)"]) }

    /// `WATCHDOG=1`: the service is alive.
    public func watchdog() throws(DaemonError) { try send(["WATCHDOG=1"]) }

    /// `RELOADING=1`: the configuration is being reloaded; `ready(status:)` ends it.
    public func reloading() throws(DaemonError) {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(POSIX.monotonicMicroseconds)"])
    }

    /// `STOPPING=1`: the service is shutting down.
    public func stopping() throws(DaemonError) { try send(["STOPPING=1"]) }

    /// Sends the lines as one datagram without ever blocking (a full socket queue drops it
    /// and throws); status texts have their line breaks replaced by spaces.
    public func send(_ lines: [String]) throws(DaemonError) {
        guard socketFD >= 0, let address else { return }
        let text = lines.map { $0.map { $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) } }
            .joined(separator: "\n")
        let payload = Array(text.utf8)
        var target = sockaddr_un()
        target.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &target.sun_path) { raw in
            raw.copyBytes(from: addressBytes)
        }
        // An abstract name is exactly its bytes; a path also counts its terminating NUL.
        let pathLength = addressBytes.first == 0 ? addressBytes.count : addressBytes.count + 1
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + pathLength)
        let sent = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                payload.withUnsafeBytes { body in
                    // Never block: a listener that stops reading must not stall the daemon's queue.
                    sendto(socketFD, body.baseAddress, body.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), address, length)
                }
            }
        }
        if sent < 0 { throw .notifySocket(address: address, reason: POSIX.lastError) }
    }
}
