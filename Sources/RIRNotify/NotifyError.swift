/// Why a notification could not be sent.
///
/// Every case names the channel and the cause; the delivery loop records the message as the delivery's
/// last error and tries again later.
public enum NotifyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The receiver answered, but not with a 2xx status.
    case rejectedByReceiver(channel: String, status: Int)
    /// The transfer failed (connection refused, TLS, timeout, an SMTP refusal).
    case transport(channel: String, cause: String)
    /// A file the channel needs (a webhook secret, mail credentials) cannot be read or is not valid.
    case unusableFile(channel: String, path: String, cause: String)

    /// One line naming the channel and the cause.
    public var description: String {
        switch self {
        case let .rejectedByReceiver(channel, status):
            "cannot deliver to \(channel): it answered HTTP \(status)"
        case let .transport(channel, cause):
            "cannot deliver to \(channel): \(cause)"
        case let .unusableFile(channel, path, cause):
            "cannot deliver to \(channel): \(path): \(cause)"
        }
    }
}
