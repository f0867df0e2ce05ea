/// The identity of one page at its source: an absolute `http`/`https` URL plus the
/// canonical key under which the archive keeps it.
///
/// IRB URLs that differ only by host alias (`irb.gc.ca`, `www.irb-cisr.gc.ca`, …, and
/// `cisr.gc.ca` for `/fr/` paths), by scheme, an explicit default port, the print
/// layout switch `pls=1`, the case of scheme or host, or a fragment are the same
/// source: they share ``canonical``. Two `SourceURL`s are equal when their canonical
/// keys are. ``string`` is what is requested: the URL as given, minus its fragment,
/// with scheme and host lower-cased and the default port dropped.
public struct SourceURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`, lower case.
    public let scheme: String
    /// The host as given, lower case, without a trailing dot; IPv6 literals keep their brackets.
    public let host: String
    /// The port when it is not the scheme's default, else nil.
    public let port: Int?
    /// The absolute path, percent-encoded, dot segments removed; at least `/`.
    public let path: String
    /// The query without its `?`, percent-encoded; nil when there is none.
    public let query: String?

    /// Parses an absolute URL; a fragment is dropped, stray spaces and non-ASCII bytes are percent-encoded.
    public init(_ text: String) throws(FetchError) {
        let trimmed = Self.trimmed(text)
        let withoutFragment = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let schemeEnd = withoutFragment.firstRange(of: "://") else {
            throw .invalidURL(text, reason: "no scheme (expected https://…)")
        }
        let scheme = withoutFragment[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw .invalidURL(text, reason: "unsupported scheme \(scheme) (only http and https)")
        }
        let rest = withoutFragment[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let (host, port) = try Self.parseAuthority(rest[..<authorityEnd], text: text)
        let (path, query) = Self.splitPathAndQuery(rest[authorityEnd...])
        self.init(scheme: scheme, host: host, port: port, path: path.isEmpty ? "/" : path, query: query)
    }

    /// Builds a URL from parts, normalizing the default port, percent-encoding and dot segments.
    private init(scheme: String, host: String, port: Int?, path: String, query: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port == Self.defaultPort(of: scheme) ? nil : port
        self.path = Self.removingDotSegments(Self.percentEncoded(path))
        self.query = query.map(Self.percentEncoded)
    }

    // MARK: - Forms

    /// The URL to request: scheme, host, non-default port, path and query.
    public var string: String {
        Self.assemble(scheme: scheme, host: host, port: port, path: path, query: query)
    }

    /// The URL to request (same as ``string``).
    public var description: String { string }

    /// The key that identifies the page whatever alias, port, layout switch or fragment it was reached by.
    public var canonical: String {
        let canonicalHost = Self.canonicalHost(host, path: path)
        // The IRB serves its pages over https only; http and https name one page there.
        let canonicalScheme = port == nil && Self.irbSite == canonicalHost ? "https" : scheme
        let pieces = (query ?? "").split(separator: "&").filter { piece in
            !Self.isPrintLayoutSwitch(piece)
        }
        let canonicalQuery = pieces.isEmpty ? nil : pieces.joined(separator: "&")
        return Self.assemble(scheme: canonicalScheme, host: canonicalHost, port: port, path: path,
                             query: canonicalQuery)
    }

    /// The host under which politeness delays and allowed hosts are counted: one per site, aliases folded.
    public var site: String { Self.site(ofHost: host) }

    /// Whether the host is a loopback address (`127.0.0.0/8`, `::1`, `localhost`).
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    // MARK: - Identity

    /// Two URLs are the same source when their canonical keys are equal.
    public static func == (lhs: SourceURL, rhs: SourceURL) -> Bool { lhs.canonical == rhs.canonical }

    /// Hashes the canonical key, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }

    // MARK: - Resolving references

    /// Resolves a link found on this page (absolute, `//host/…`, `/path`, `?query` or relative) against it.
    public func resolving(_ reference: String) throws(FetchError) -> SourceURL {
        let trimmed = Self.trimmed(reference)
        let withoutFragment = String(trimmed.split(separator: "#", maxSplits: 1,
                                                   omittingEmptySubsequences: false)[0])
        if withoutFragment.isEmpty { return self }
        if Self.hasScheme(withoutFragment) { return try SourceURL(withoutFragment) }
        if withoutFragment.hasPrefix("//") { return try SourceURL(scheme + ":" + withoutFragment) }
        if withoutFragment.hasPrefix("?") {
            return SourceURL(scheme: scheme, host: host, port: port, path: path,
                             query: String(withoutFragment.dropFirst()))
        }
        let (refPath, refQuery) = Self.splitPathAndQuery(Substring(withoutFragment))
        let mergedPath: String
        if refPath.hasPrefix("/") {
            mergedPath = refPath
        } else if refPath.isEmpty {
            mergedPath = path
        } else {
            let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
            mergedPath = directory + refPath
        }
        return SourceURL(scheme: scheme, host: host, port: port, path: mergedPath,
                         query: refQuery ?? (refPath.isEmpty ? query : nil))
    }
}

// MARK: - Host aliases

extension SourceURL {
    /// The host every IRB alias folds into.
    static let irbSite = "irb-cisr.gc.ca"
    /// Hosts that serve the same IRB pages in both languages.
    static let irbAliases: Set<String> = ["irb-cisr.gc.ca", "www.irb-cisr.gc.ca", "irb.gc.ca", "www.irb.gc.ca"]
    /// Hosts that serve the French IRB pages (seen for `/fr/` paths only).
    static let frenchIRBAliases: Set<String> = ["cisr.gc.ca", "www.cisr.gc.ca"]

    /// The host used in the canonical key.
    static func canonicalHost(_ host: String, path: String) -> String {
        if irbAliases.contains(host) { return irbSite }
        if frenchIRBAliases.contains(host), path.lowercased().hasPrefix("/fr/") { return irbSite }
        return host
    }

    /// The site a host belongs to: every IRB alias is one site; other hosts are their own.
    public static func site(ofHost host: String) -> String {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return irbAliases.contains(name) || frenchIRBAliases.contains(name) ? irbSite : name
    }

    /// Whether a host name or literal is loopback: `localhost`, `127.0.0.0/8`, `::1`.
    static func isLoopback(host: String) -> Bool {
        if host == "localhost" || host == "[::1]" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            guard let value = Int(octet), !octet.isEmpty, octet.count <= 3 else { return false }
            return (0...255).contains(value)
        }
    }

    /// `pls=1` switches the IRB page to its print layout: same page, different chrome.
    private static func isPrintLayoutSwitch(_ piece: Substring) -> Bool {
        piece.lowercased() == "pls=1"
    }
}

// MARK: - Parsing

extension SourceURL {
    static func defaultPort(of scheme: String) -> Int {
        scheme == "https" ? 443 : 80
    }

    private static func trimmed(_ text: String) -> Substring {
        let isBlank: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{C}"
        }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return text[first...last]
    }

    /// `scheme:` at the start of a reference (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
    private static func hasScheme(_ reference: String) -> Bool {
        guard let colon = reference.firstIndex(of: ":") else { return false }
        let name = reference[..<colon]
        guard let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    private static func parseAuthority(_ authority: Substring, text: String) throws(FetchError) -> (String, Int?) {
        if authority.contains("@") {
            throw .invalidURL(text, reason: "credentials in the URL are not accepted")
        }
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidURL(text, reason: "unclosed IPv6 literal")
            }
            hostPart = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidURL(text, reason: "junk after IPv6 literal") }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        var host = hostPart.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { throw .invalidURL(text, reason: "no host") }
        let hostCharacters = host.hasPrefix("[") ? host.dropFirst().dropLast() : Substring(host)
        let allowed: (Character) -> Bool = {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" || $0 == ":")
        }
        guard hostCharacters.allSatisfy(allowed), host.hasPrefix("[") || !host.contains(":") else {
            throw .invalidURL(text, reason: "host \(host) is not a plain ASCII name or address")
        }
        guard let portText = portPart, !portText.isEmpty else { return (host, nil) }
        guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText),
              (1...65535).contains(port) else {
            throw .invalidURL(text, reason: "bad port \(portText)")
        }
        return (host, port)
    }

    private static func splitPathAndQuery(_ text: Substring) -> (String, String?) {
        guard let mark = text.firstIndex(of: "?") else { return (String(text), nil) }
        let query = text[text.index(after: mark)...]
        return (String(text[..<mark]), query.isEmpty ? nil : String(query))
    }

    private static func assemble(scheme: String, host: String, port: Int?, path: String, query: String?) -> String {
        var text = scheme + "://" + host
        if let port { text += ":\(port)" }
        text += path
        if let query { text += "?" + query }
        return text
    }

    /// RFC 3986 §5.2.4 on an absolute path: `.` and `..` segments are resolved away.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        for (offset, segment) in segments.enumerated() {
            let isLast = offset == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    /// Percent-encodes bytes a URL cannot carry as they are; existing escapes get upper-case hex,
    /// a `%` that starts no escape becomes `%25`.
    static func percentEncoded(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigit(high))
                output.append(hexDigit(low))
                index += 3
                continue
            }
            if byte != UInt8(ascii: "%"), isURLByte(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Unreserved and reserved characters (RFC 3986 §2), which may stand in a path or query as they are.
    private static func isURLByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return punctuation.contains(byte)
        }
    }

    private static let punctuation: Set<UInt8> = Set("-._~!$&'()*+,;=:@/?".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
