import FoundationEssentials
import HTTPTypes
import Hummingbird
import RIRArchive
import RIRConfig
import RIRModel
import Synchronization

/// Security headers on every response, error pages included: a strict Content-Security-Policy
/// (no script at all, styles from `/style.css` only), `nosniff`, no framing, no referrer.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.policy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}

/// Request limits: only GET and HEAD, a bounded request target and no body. Time is bounded by
/// the connection's idle timeout (a client that stalls is cut off) and by the pages' bounded
/// queries (search hits, list pages and feeds are capped); a running SQLite read is not interrupted.
struct RequestLimits<Context: RequestContext>: RouterMiddleware {
    let settings: WebSettings
    let errors: ErrorPages

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = errors.page(.methodNotAllowed, message: "this archive is read-only: only GET and HEAD are answered",
                                       request: request)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if request.uri.string.utf8.count > settings.maxTargetBytes {
            return errors.page(.uriTooLong, message: "the request target is longer than \(settings.maxTargetBytes) bytes",
                               request: request)
        }
        let declared = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        if declared > settings.maxBodyBytes || request.headers[.transferEncoding] != nil {
            return errors.page(.contentTooLarge, message: "a request to this archive carries no body", request: request)
        }
        return try await next(request, context)
    }
}

/// HTTP Basic authentication against `web.users` when any is configured.
///
/// bcrypt (hummingbird-auth's `HummingbirdBcrypt`) compares in constant time; an unknown user is
/// checked against a fixed hash so that the answer takes as long as for a known one. A verified
/// pair is remembered by its SHA-256 (compared in constant time too), so that only the first
/// request of a session pays bcrypt's deliberate cost.
struct BasicAuthentication<Context: RequestContext>: RouterMiddleware {
    let users: [WebUser]
    let errors: ErrorPages
    let verified = VerifiedCredentials()
    /// A hash of a random password at the users' cost, checked for unknown users.
    let decoy: String

    init(users: [WebUser], errors: ErrorPages) {
        self.users = users
        self.errors = errors
        let cost = users.first.flatMap { UInt8($0.bcryptHash.dropFirst(4).prefix(2)) } ?? 12
        decoy = WebPassword.hash("decoy \(UInt64.random(in: .min ... .max))", cost: cost)
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let (name, password) = Self.credentials(request.headers[.authorization]) else {
            return challenge(request)
        }
        let digest = SHA256Hex.digest(of: Array("\(name)\u{0}\(password)".utf8))
        let known = verified.digests.withLock { set in set.contains { Self.constantTimeEqual($0, digest) } }
        if !known {
            let user = users.first { Self.constantTimeEqual($0.name, name) }
            let ok = WebPassword.verify(password, hash: user?.bcryptHash ?? decoy) && user != nil
            guard ok else { return challenge(request) }
            verified.digests.withLock { set in
                if set.count > 1000 { set.removeAll() }
                set.insert(digest)
            }
        }
        return try await next(request, context)
    }

    private func challenge(_ request: Request) -> Response {
        var response = errors.page(.unauthorized, message: "this archive asks for a user name and password",
                                   request: request)
        response.headers[.wwwAuthenticate] = "Basic realm=\"rir-archive\", charset=\"UTF-8\""
        return response
    }

    /// The user and password of an `Authorization: Basic …` header.
    static func credentials(_ header: String?) -> (String, String)? {
        guard let header, header.lowercased().hasPrefix("basic ") else { return nil }
        guard let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingSpaces),
              let text = String(data: decoded, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Compares two strings in time that depends on their lengths only.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}

/// The SHA-256 digests of user/password pairs bcrypt has accepted (bounded: cleared past 1,000).
final class VerifiedCredentials: Sendable {
    let digests = Mutex<Set<String>>([])
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
