import RIRModel

/// The source format of a capture, recognised by content.
public enum CaptureFormat: String, Sendable, Codable {
    /// Plain text, one paragraph per line.
    case text
    /// An HTML page, read through its block-level text.
    case html
}

/// A capture read into one normalized report, with what was detected about its bytes.
public struct ParsedCapture: Sendable, Hashable {
    /// The normalized report content.
    public var report: Report
    /// Whether the capture was plain text or an HTML page.
    public var format: CaptureFormat
    /// The detected character encoding: `"utf-8"`, `"utf-16le"`, `"utf-16be"` or `"windows-1252"`.
    public var encoding: String

    /// Creates a parsed capture.
    public init(report: Report, format: CaptureFormat, encoding: String) {
        self.report = report
        self.format = format
        self.encoding = encoding
    }
}

/// Limits that protect the parser from inputs that cannot be reports.
public struct ParserLimits: Sendable {
    /// The largest input accepted, in bytes (default 16 MiB).
    public var maxBytes: Int

    /// Creates limits; `maxBytes` defaults to 16 MiB.
    public init(maxBytes: Int = 16 << 20) {
        self.maxBytes = maxBytes
    }
}

/// Reads RIR captures (plain text or HTML pages, English or French, UTF-8 or
/// Windows-1252) into normalized reports. Pure: no I/O, no clock.
public enum CaptureParser {
    /// Parses one capture.
    ///
    /// `name` is the file name or URL used in error messages and as the identifier
    /// fallback when the capture lost its ID line (e.g. `"MEX201601.E.txt"`).
    public static func parse(_ bytes: [UInt8], name: String,
                             limits: ParserLimits = .init()) throws(ParseError) -> ParsedCapture {
        let decoded = try CaptureDecoding.decode(bytes, name: name, limits: limits)
        if HTMLText.isHTML(decoded.utf8) {
            guard let text = HTMLText.blocks(decoded.utf8) else { throw .unreadableHTML(name: name) }
            let reader = ReportReader(paragraphs: TextLines.paragraphs(text), name: name)
            do throws(ParseError) {
                return ParsedCapture(report: try reader.read(), format: .html, encoding: decoded.encoding)
            } catch .noDate {
                throw .noReportInHTML(name: name)
            }
        }
        let reader = ReportReader(paragraphs: PrintPages.paragraphs(decoded.utf8), name: name)
        return ParsedCapture(report: try reader.read(), format: .text, encoding: decoded.encoding)
    }
}
