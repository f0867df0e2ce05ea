/// Why a capture could not be read as a report. Every message names the input
/// (`cannot parse NAME: CAUSE`) and, where an operator can act, adds a `hint:` line.
public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input holds no bytes, or only white space.
    case empty(name: String, whitespaceOnly: Bool)
    /// The input is larger than ``ParserLimits/maxBytes``.
    case tooLarge(name: String, size: Int, limit: Int)
    /// The input holds NUL bytes or many control characters: it is not text.
    case binary(name: String)
    /// libxml2 could not build a document from an input that looks like HTML.
    case unreadableHTML(name: String)
    /// An HTML page whose text holds no report (no date line).
    case noReportInHTML(name: String)
    /// A text capture without a date line.
    case noDate(name: String)
    /// No identifier line near the date line, and none in the name either.
    case noIdentifier(name: String)
    /// Nothing after the date and identifier lines that could be the title.
    case noTitle(name: String)

    /// The input the error is about (file name or URL).
    public var name: String {
        switch self {
        case .empty(let name, _), .tooLarge(let name, _, _), .binary(let name), .unreadableHTML(let name),
             .noReportInHTML(let name), .noDate(let name), .noIdentifier(let name), .noTitle(let name):
            name
        }
    }

    /// `cannot parse NAME: CAUSE`, with a `hint:` line when there is advice to give.
    public var description: String {
        let (cause, hint) = parts
        let head = "cannot parse \(name): \(cause)"
        guard let hint else { return head }
        return head + "\nhint: " + hint
    }

    private var parts: (cause: String, hint: String?) {
        switch self {
        case .empty(_, let whitespaceOnly):
            (whitespaceOnly ? "it holds only white space" : "it is empty",
             "the file may have been copied before it was completely written")
        case .tooLarge(_, let size, let limit):
            ("it is \(size) bytes, over the limit of \(limit) bytes",
             "an RIR is at most a few hundred kilobytes; check that this is the right file")
        case .binary:
            ("it holds binary data, not text",
             "captures must be plain text (UTF-8 or Windows-1252) or HTML pages")
        case .unreadableHTML:
            ("it looks like HTML but libxml2 could not read it", nil)
        case .noReportInHTML:
            ("the HTML page holds no report (no date line such as \"1 September 2023\" in its text)",
             "this may be a listing, search or error page rather than an RIR page")
        case .noDate:
            ("no date line found (a line such as \"1 September 2023\" or \"1er septembre 2023\")", nil)
        case .noIdentifier:
            ("no RIR identifier (no line such as \"MEX201601.E\" beside the date line, and none in the name)",
             "name the file after the report, e.g. MEX201601.E.txt")
        case .noTitle:
            ("no title line after the date and identifier lines", nil)
        }
    }
}
