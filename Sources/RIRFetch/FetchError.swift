/// Why a page could not be fetched, or a URL or link pattern could not be used.
///
/// Every message names the URL and the cause:
/// `cannot fetch https://irb-cisr.gc.ca/…?doc=458870: body over 16777216 bytes`.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not an absolute `http`/`https` URL this fetcher can request.
    case invalidURL(String, reason: String)
    /// The URL (or a redirect hop) uses plain `http` for a host that is not loopback, and the source did not allow it.
    case plainHTTPNotAllowed(url: String)
    /// A redirect pointed at a host outside the allowed hosts.
    case redirectNotAllowed(url: String, target: String, host: String)
    /// A redirect answer had no usable `Location` header.
    case redirectWithoutLocation(url: String, status: Int)
    /// More redirects than the limit.
    case tooManyRedirects(url: String, limit: Int)
    /// The body grew past the cap; the transfer was aborted as it streamed.
    case bodyTooLarge(url: String, limit: Int)
    /// The connection closed before the body announced by `Content-Length` arrived.
    case truncatedBody(url: String, received: Int, expected: Int, attempts: Int)
    /// The whole transfer took longer than the total timeout.
    case timedOut(url: String, seconds: Double, attempts: Int)
    /// The transfer stayed below the low-speed limit for too long.
    case stalled(url: String, bytesPerSecond: Int, seconds: Double, attempts: Int)
    /// No connection could be made (DNS, refused, reset, connect timeout).
    case connectionFailed(url: String, cause: String, attempts: Int)
    /// TLS failed: certificate verification, handshake.
    case tls(url: String, cause: String)
    /// The server answered with a status that is neither content, not-modified, gone nor a redirect.
    case httpStatus(url: String, status: Int, attempts: Int)
    /// libcurl failed in a way none of the other cases describes.
    case transport(url: String, cause: String)
    /// A link pattern for listing discovery is not a valid regular expression.
    case invalidPattern(String, cause: String)
    /// The fetch was cancelled (the daemon is stopping); nothing was stored.
    case cancelled(url: String)
    /// The URL used up its time budget (`fetch.max_time_per_url`) over its attempts; `last` is the
    /// last attempt's failure, when there was one.
    case outOfTime(url: String, seconds: Double, attempts: Int, last: String?)

    /// The message an operator reads: what failed, the subject, the cause.
    public var description: String {
        switch self {
        case .invalidURL(let text, let reason):
            return "cannot fetch \(text): not a usable URL: \(reason)"
        case .plainHTTPNotAllowed(let url):
            return "cannot fetch \(url): plain http is allowed only for loopback hosts"
                + "\nhint: use https, or allow plain http explicitly for this source"
        case .redirectNotAllowed(let url, let target, let host):
            return "cannot fetch \(url): redirect to \(host) is not an allowed host (\(target))"
                + "\nhint: add \(host) to the allowed hosts if it is trusted"
        case .redirectWithoutLocation(let url, let status):
            return "cannot fetch \(url): HTTP \(status) redirect without a Location header"
        case .tooManyRedirects(let url, let limit):
            return "cannot fetch \(url): more than \(limit) redirects"
        case .bodyTooLarge(let url, let limit):
            return "cannot fetch \(url): body over \(limit) bytes"
        case .truncatedBody(let url, let received, let expected, let attempts):
            return "cannot fetch \(url): body shorter than its Content-Length "
                + "(\(received) of \(expected) bytes)\(Self.attemptsSuffix(attempts))"
        case .timedOut(let url, let seconds, let attempts):
            return "cannot fetch \(url): timed out after \(Self.seconds(seconds)) s\(Self.attemptsSuffix(attempts))"
        case .stalled(let url, let rate, let seconds, let attempts):
            return "cannot fetch \(url): stalled below \(rate) bytes/s for \(Self.seconds(seconds)) s"
                + Self.attemptsSuffix(attempts)
        case .connectionFailed(let url, let cause, let attempts):
            return "cannot fetch \(url): \(cause)\(Self.attemptsSuffix(attempts))"
        case .tls(let url, let cause):
            return "cannot fetch \(url): TLS failed: \(cause)"
        case .httpStatus(let url, let status, let attempts):
            return attempts > 1
                ? "cannot fetch \(url): HTTP \(status) after \(attempts) attempts"
                : "cannot fetch \(url): HTTP \(status)"
        case .transport(let url, let cause):
            return "cannot fetch \(url): \(cause)"
        case .invalidPattern(let pattern, let cause):
            return "cannot use link pattern \(pattern): \(cause)"
        case .cancelled(let url):
            return "cannot fetch \(url): cancelled (the service is stopping)"
        case .outOfTime(let url, let seconds, let attempts, let last):
            return "cannot fetch \(url): gave up after \(Self.seconds(seconds)) s, the limit for one URL"
                + Self.attemptsSuffix(attempts) + (last.map { "; last attempt: \($0)" } ?? "")
                + "\nhint: the source is slow; fetch.max_time_per_url bounds the time one URL may take"
        }
    }

    /// Whether trying again later could succeed (server errors, timeouts, dropped connections).
    public var isTransient: Bool {
        switch self {
        case .truncatedBody, .timedOut, .stalled, .connectionFailed:
            return true
        case .httpStatus(_, let status, _):
            return FetchError.isTransientStatus(status)
        default:
            return false
        }
    }

    /// The same error, recording how many attempts were made in total.
    func after(attempts: Int) -> FetchError {
        switch self {
        case .truncatedBody(let url, let received, let expected, _):
            return .truncatedBody(url: url, received: received, expected: expected, attempts: attempts)
        case .timedOut(let url, let seconds, _):
            return .timedOut(url: url, seconds: seconds, attempts: attempts)
        case .stalled(let url, let rate, let seconds, _):
            return .stalled(url: url, bytesPerSecond: rate, seconds: seconds, attempts: attempts)
        case .connectionFailed(let url, let cause, _):
            return .connectionFailed(url: url, cause: cause, attempts: attempts)
        case .httpStatus(let url, let status, _):
            return .httpStatus(url: url, status: status, attempts: attempts)
        default:
            return self
        }
    }

    /// 408, 429 and the 5xx statuses that are worth retrying (not 501 or 505, which will not change).
    static func isTransientStatus(_ status: Int) -> Bool {
        status == 408 || status == 429 || ((500...599).contains(status) && status != 501 && status != 505)
    }

    private static func attemptsSuffix(_ attempts: Int) -> String {
        attempts > 1 ? " (\(attempts) attempts)" : ""
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}
