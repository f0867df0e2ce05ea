import FoundationEssentials
import HTTPTypes
import Hummingbird
import RIRPresentation

/// Building responses: every one carries its media type and length; the security headers are
/// added by ``SecurityHeaders`` to all of them.
enum Reply {
    static func bytes(_ bytes: some Collection<UInt8>, type: String, status: HTTPResponse.Status = .ok,
                      headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = type
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(text.utf8), type: "text/html; charset=utf-8", status: status, headers: headers)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(value.rendered().utf8), type: "application/json; charset=utf-8", status: status, headers: headers)
    }

    /// Text that already is a JSON document (the diff's own renderer, the tables' JSON).
    static func jsonText(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(text.utf8), type: "application/json; charset=utf-8", status: status, headers: headers)
    }

    static func redirect(to location: String, status: HTTPResponse.Status = .found, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return bytes([], type: "text/plain; charset=utf-8", status: status, headers: fields)
    }
}

extension HTTPField.Name {
    static let mementoDatetime = HTTPField.Name("Memento-Datetime")!
    static let acceptDatetime = HTTPField.Name("Accept-Datetime")!
    static let link = HTTPField.Name("Link")!
}

extension Request {
    /// Whether the client asked for JSON (`Accept: application/json`) rather than a page.
    var wantsJSON: Bool {
        guard let accept = headers[.accept] else { return false }
        return accept.contains("application/json")
    }

    /// One query parameter, decoded as a form sends it (`+` is a space, then percent-decoding;
    /// Hummingbird's own map does not turn `+` into a space); nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let query = uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ")
            let decoded = value.removingPercentEncoding ?? value
            return decoded.isEmpty ? nil : decoded
        }
        return nil
    }
}
