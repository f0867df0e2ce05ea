import FoundationEssentials
import RIRModel

/// The JSON a webhook receives, and its signature.
///
/// Keys (snake_case, stable): `id` (the event), `event` (its kind), `report_id`, `at`, `language`,
/// `subject`, `text`, `link`, `payload` (the event's payload as stored).
public struct WebhookBody: Sendable, Hashable {
    /// The JSON bytes, exactly as sent and signed.
    public let bytes: [UInt8]

    /// The body telling `message`.
    public init(_ message: NotificationMessage) {
        let event = message.event
        let document = Document(id: event.id, event: event.kind.rawValue, reportID: event.reportID, at: event.at,
                                language: message.language.rawValue, subject: message.subject, text: message.text,
                                link: message.link, payload: event.payload)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a string, a number or an array of them: encoding cannot fail.
        bytes = (try? Array(encoder.encode(document))) ?? Array("{}".utf8)
    }

    /// `sha256=<hex>`: the HMAC-SHA256 of the body under `secret`, the `X-RIR-Signature` header's value.
    public func signature(secret: [UInt8]) -> String {
        "sha256=" + SHA256Hex.hmac(key: secret, message: bytes)
    }

    private struct Document: Encodable {
        var id: Int64
        var event: String
        var reportID: String?
        var at: String
        var language: String
        var subject: String
        var text: String
        var link: String?
        var payload: NotificationPayload

        enum CodingKeys: String, CodingKey {
            case id, event, at, language, subject, text, link, payload
            case reportID = "report_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(event, forKey: .event)
            try container.encode(reportID, forKey: .reportID)
            try container.encode(at, forKey: .at)
            try container.encode(language, forKey: .language)
            try container.encode(subject, forKey: .subject)
            try container.encode(text, forKey: .text)
            try container.encode(link, forKey: .link)
            try container.encode(payload, forKey: .payload)
        }
    }
}
