import FoundationEssentials
import RIRModel

/// An RFC 5322 message with a plain-text UTF-8 body, as handed to the SMTP server.
///
/// Hand-written because it is small and exact: the system has no mail library (libcurl only moves the
/// bytes), and the headers must follow RFC 5322 (Date, Message-ID), RFC 2045 (quoted-printable) and
/// RFC 2047 (encoded words for a non-ASCII subject).
public struct MailMessage: Sendable, Hashable {
    /// The complete message: headers, a blank line, the body; lines end with CRLF.
    public let bytes: [UInt8]

    /// The message telling `message` from `from` to `to`, dated `secondsSinceEpoch`, with a Message-ID
    /// made from `uniqueID` (stable for one delivery, so a retry after a crash keeps its Message-ID).
    public init(_ message: NotificationMessage, from: String, to: [String], secondsSinceEpoch: Int,
                uniqueID: String) {
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        var lines = [
            "Date: \(Self.date(secondsSinceEpoch))",
            "Message-ID: <\(uniqueID)@\(domain)>",
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            Self.header("Subject", message.subject),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        let body = message.text.replacing("\r\n", with: "\n").split(separator: "\n",
                                                                                  omittingEmptySubsequences: false)
        let plain = body.allSatisfy { line in line.utf8.count <= 76 && line.utf8.allSatisfy { $0 < 0x80 } }
        if plain {
            lines.append("Content-Transfer-Encoding: 7bit")
            lines.append("")
            lines += body.map(String.init)
        } else {
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines += body.flatMap { Self.quotedPrintable(Array($0.utf8)) }
        }
        if lines.last == "" { lines.removeLast() }
        bytes = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    // MARK: - Date (RFC 5322 §3.3)

    /// `Tue, 01 Dec 2026 15:50:37 +0000`.
    static func date(_ seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let day = CalendarDate(daysSinceEpoch: days)
        let rest = seconds - days * 86_400
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(two(day.day)) \(months[day.month - 1]) \(day.year) "
            + "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }

    // MARK: - Headers (RFC 2047)

    /// `Name: value`, the value as RFC 2047 encoded words (`=?UTF-8?B?…?=`, folded) when it is not
    /// printable ASCII; line breaks in the value become spaces.
    static func header(_ name: String, _ value: String) -> String {
        let value = value.replacing("\r", with: " ").replacing("\n", with: " ")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), value.utf8.count + name.count + 2 <= 998 {
            return "\(name): \(value)"
        }
        // Each encoded word holds at most 39 bytes of UTF-8 (52 of base64, 64 with its wrapping),
        // cut between characters so that no word holds half of one.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return "\(name): " + words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    // MARK: - Body (RFC 2045 §6.7)

    /// One line of text as quoted-printable lines of at most 76 characters (soft breaks end in `=`).
    static func quotedPrintable(_ line: [UInt8]) -> [String] {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [[UInt8]] = []
        for (index, byte) in line.enumerated() {
            let last = index == line.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !last)
            encoded.append(literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
        var lines: [String] = []
        var current: [UInt8] = []
        for piece in encoded {
            if current.count + piece.count > 75 {
                lines.append(String(decoding: current + [UInt8(ascii: "=")], as: UTF8.self))
                current = []
            }
            current += piece
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }
}
