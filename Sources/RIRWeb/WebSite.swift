import Hummingbird
import Logging
import RIRArchive
import RIRModel

/// The web interface: the routes of every page, feed and Memento endpoint over a read-only
/// ``Archive``. Nothing here writes: the archive is opened `.readOnly` and no route accepts a body.
public struct WebSite: Sendable {
    /// The archive the pages read.
    public let archive: Archive
    /// Where the site listens and how it is reached.
    public let settings: WebSettings
    let renderer: PageRenderer
    let logger: Logger

    /// The site over `archive`.
    public init(archive: Archive, settings: WebSettings, logger: Logger = Logger(label: "rir-archive.web")) throws {
        self.archive = archive
        self.settings = settings
        self.renderer = try PageRenderer(settings: settings)
        self.logger = logger
    }

    /// The router: middlewares (security headers, limits, authentication) and every route.
    /// HEAD is answered for every GET route (Hummingbird derives it: same headers, no body).
    public func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: RequestLimits(settings: settings, errors: renderer))
        if !settings.users.isEmpty {
            router.add(middleware: BasicAuthentication(users: settings.users, errors: renderer))
        }
        route(router, "/") { try reportList($0) }
        route(router, "/style.css") { _ in
            Reply.bytes(Array(Stylesheet.css.utf8), type: "text/css; charset=utf-8",
                        headers: [.cacheControl: "public, max-age=3600"])
        }
        route(router, "/reports/:id") { try reportPage($0, id: $1.require("id")) }
        route(router, "/reports/:id/revisions/:n") { try revisionPage($0, id: $1.require("id"), number: $1.require("n")) }
        route(router, "/reports/:id/revisions/:n/blame") { try blamePage($0, id: $1.require("id"), number: $1.require("n")) }
        route(router, "/reports/:id/at/:date") { try atDate($0, id: $1.require("id"), date: $1.require("date")) }
        route(router, "/reports/:id/at") { request, parameters in
            guard let date = request.query("date") else { throw PageError.badRequest("give a date: ?date=YYYY-MM-DD") }
            return try atDate(request, id: parameters.require("id"), date: date)
        }
        route(router, "/reports/:id/diff") { try revisionDiffPage($0, id: $1.require("id")) }
        route(router, "/reports/:id/captures/:sha") { try captureBytes($0, id: $1.require("id"), sha: $1.require("sha")) }
        route(router, "/reports/:id/feed.atom") { try reportFeed($0, id: $1.require("id")) }
        route(router, "/diff/:a/:b") { try reportDiffPage($0, from: $1.require("a"), to: $1.require("b")) }
        route(router, "/search") { try searchPage($0) }
        route(router, "/expiring") { try expiringPage($0) }
        route(router, "/stale") { try stalePage($0) }
        route(router, "/changes") { try changesPage($0) }
        route(router, "/audit") { try auditPage($0) }
        route(router, "/feed.atom") { try archiveFeed($0) }
        route(router, "/timegate/**") { request, _ in try timeGate(request, original: originalPart(request, after: "/timegate/")) }
        route(router, "/timemap/link/**") { request, _ in
            try timeMap(request, original: originalPart(request, after: "/timemap/link/"))
        }
        route(router, "/**") { request, _ in
            renderer.page(.notFound, message: "nothing in this archive is at \(request.uri.path)", request: request)
        }
        return router
    }

    /// The application that serves ``router()`` on ``settings``' address.
    public func application() -> some ApplicationProtocol {
        Application(router: router(),
                    server: .http1(configuration: .init(idleTimeout: .seconds(settings.idleTimeoutSeconds))),
                    configuration: .init(address: .hostname(settings.host, port: settings.port),
                                         serverName: "rir-archive"),
                    logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then finishes the requests in flight.
    public func run() async throws {
        try await application().runService()
    }

    // MARK: - Routing helpers

    private func route(_ router: Router<BasicRequestContext>, _ path: RouterPath,
                       _ page: @escaping @Sendable (Request, Parameters) throws -> Response) {
        router.get(path) { request, context in
            do {
                return try page(request, context.parameters)
            } catch {
                return renderer.failure(error, request: request, logger: logger)
            }
        }
    }

    private func route(_ router: Router<BasicRequestContext>, _ path: RouterPath,
                       _ page: @escaping @Sendable (Request) throws -> Response) {
        route(router, path) { request, _ in try page(request) }
    }

    /// The URI-R after a Memento prefix, taken from the raw request target so that a report URL
    /// keeps its own `?doc=…` query; percent-encoded URLs are decoded.
    func originalPart(_ request: Request, after prefix: String) -> String {
        let target = request.uri.string
        guard let range = target.range(of: prefix) else { return "" }
        let rest = String(target[range.upperBound...])
        return rest.contains("://") ? rest : (rest.removingPercentEncoding ?? rest)
    }

    // MARK: - Links

    var root: String { settings.rootPath }
    func reportHref(_ id: String) -> String { "\(root)/reports/\(id)" }
    func revisionHref(_ id: String, _ n: Int) -> String { "\(root)/reports/\(id)/revisions/\(n)" }
    func diffHref(_ id: String, from: Int, to: Int) -> String { "\(root)/reports/\(id)/diff?from=\(from)&to=\(to)" }
    func captureHref(_ id: String, _ sha: String) -> String { "\(root)/reports/\(id)/captures/\(sha)" }
    /// An absolute URL (feeds, Memento headers).
    func absolute(_ href: String) -> String { settings.baseURL + href.dropFirst(root.count) }

    /// A report ID from the path, or a 404 before the archive is asked.
    func reportID(_ text: String) throws -> String {
        guard ReportID(text) != nil else { throw PageError.notFound("\(text) is not an RIR identifier such as MEX201601.E") }
        return text
    }

    /// A revision number from the path or the query.
    func number(_ text: String, _ name: String) throws -> Int {
        guard let n = Int(text), n >= 1 else { throw PageError.badRequest("\(name) must be a revision number (1 or more), not \(text)") }
        return n
    }

    /// A `YYYY-MM-DD` parameter.
    func day(_ text: String?, _ name: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard let day = CalendarDate(iso: text) else { throw PageError.badRequest("\(name) must be a date YYYY-MM-DD, not \(text)") }
        return day
    }

    /// A whole-number parameter (≥ 0).
    func count(_ text: String?, _ name: String) throws -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), n >= 0 else { throw PageError.badRequest("\(name) must be a whole number, not \(text)") }
        return n
    }

    /// Today as the archive's clock says.
    var today: CalendarDate { archive.clock.today() }
}
