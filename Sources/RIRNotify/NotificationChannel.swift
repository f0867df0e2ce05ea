import RIRModel

/// Where notifications go: a webhook or a mailbox, with what sending needs (secrets already read).
public enum NotificationChannel: Sendable, Hashable {
    /// A JSON POST, signed when a secret is set.
    case webhook(WebhookTarget)
    /// A mail over SMTP.
    case email(MailTarget)

    /// The channel's stable name, as the outbox records it: `webhook:URL` or `email:URL`.
    public var name: String {
        switch self {
        case .webhook(let target): Self.webhookName(target.url)
        case .email(let target): Self.emailName(target.url)
        }
    }

    /// The name of the webhook at `url`.
    public static func webhookName(_ url: String) -> String { "webhook:\(url)" }
    /// The name of the mail channel through the server at `url`.
    public static func emailName(_ url: String) -> String { "email:\(url)" }
}

/// A webhook receiver.
public struct WebhookTarget: Sendable, Hashable {
    /// `https://…` (or `http://` to a loopback host).
    public var url: String
    /// The HMAC-SHA256 key; nil sends no signature.
    public var secret: [UInt8]?

    /// Creates a target.
    public init(url: String, secret: [UInt8]? = nil) {
        self.url = url
        self.secret = secret
    }
}

/// An SMTP server and the envelope.
public struct MailTarget: Sendable, Hashable {
    /// `smtp://HOST:PORT` (STARTTLS is required unless the host is a loopback one) or `smtps://HOST:PORT`.
    public var url: String
    /// The sender address.
    public var from: String
    /// The recipients.
    public var to: [String]
    /// The SMTP login, if the server wants one.
    public var credentials: Credentials?

    /// A user name and password for SMTP authentication.
    public struct Credentials: Sendable, Hashable {
        /// The user name.
        public var user: String
        /// The password.
        public var password: String

        /// Reads `user:password` (the first line of a credentials file); nil when there is no colon.
        public init?(fileText: String) {
            let line = fileText.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
            user = String(line[..<colon])
            password = String(line[line.index(after: colon)...])
        }
    }

    /// Creates a target.
    public init(url: String, from: String, to: [String], credentials: Credentials? = nil) {
        self.url = url
        self.from = from
        self.to = to
        self.credentials = credentials
    }
}

/// Sends one message to one channel; the real one is ``CurlNotifier``, tests may record instead.
public protocol NotificationSending: Sendable {
    /// Sends `message` to `channel`. `uniqueID` is stable for one delivery (the Message-ID of a mail,
    /// the `X-RIR-Delivery` header of a webhook), so that a receiver can recognise a repeated delivery;
    /// `secondsSinceEpoch` dates the mail.
    func send(_ message: NotificationMessage, to channel: NotificationChannel, uniqueID: String,
              secondsSinceEpoch: Int) throws(NotifyError)
}
