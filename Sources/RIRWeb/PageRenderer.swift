import Hummingbird
import Logging
import Mustache
import RIRArchive
import RIRPresentation

/// Renders pages: a body template inside the layout, in the request's language, with the
/// language toggle and the links rooted at the base URL's path.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let settings: WebSettings

    init(settings: WebSettings) throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
        self.settings = settings
    }

    /// The page `template` filled with `context` (plus the common keys), inside the layout.
    func page(_ template: String, title: String, context: [String: Any], request: Request,
              status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], reportFeed: String? = nil) -> Response {
        let language = Self.language(of: request)
        var values = common(request, language: language)
        for (key, value) in context { values[key] = value }
        let body = library.render(values, withTemplate: template) ?? ""
        values["body"] = body
        values["title"] = title
        values["reportFeed"] = reportFeed
        let html = library.render(values, withTemplate: "layout") ?? ""
        var fields = headers
        fields[.vary] = "Accept, Accept-Language, Cookie"
        fields[.contentLanguage] = language.rawValue
        if let chosen = request.query("lang"), WebLanguage(rawValue: chosen) != nil {
            let path = settings.rootPath.isEmpty ? "/" : settings.rootPath
            fields[.setCookie] = "lang=\(chosen); Path=\(path); Max-Age=31536000; SameSite=Lax"
        }
        return Reply.html(html, status: status, headers: fields)
    }

    /// The keys every template may use: `lang`, `t`, `root`, `toggle`, `otherLang`, `pageURL`.
    func common(_ request: Request, language: WebLanguage) -> [String: Any] {
        let path = request.uri.path
        var pairs = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.map(String.init)
        pairs.append("lang=\(language.other.rawValue)")
        return [
            "lang": language.rawValue, "otherLang": language.other.rawValue, "t": language.strings,
            "root": settings.rootPath, "toggle": settings.rootPath + path + "?" + pairs.joined(separator: "&"),
            "pageURL": settings.baseURL + path + (request.uri.query.map { "?" + $0 } ?? ""),
        ]
    }

    /// The interface language of a request.
    static func language(of request: Request) -> WebLanguage {
        WebLanguage.chosen(query: request.query("lang"), cookie: request.headers[.cookie],
                           acceptLanguage: request.headers[.acceptLanguage])
    }

    /// An error page (or `{"error": …}` for a JSON client) with `status`.
    func page(_ status: HTTPResponse.Status, message: String, request: Request) -> Response {
        if request.wantsJSON {
            return Reply.json(.object([JSONMember("error", .string(message))]), status: status)
        }
        let language = Self.language(of: request)
        let heading = switch status.code {
        case 404: language["notFound"]
        case 400: language["badRequest"]
        default: "\(status.code) \(status.reasonPhrase)"
        }
        return page("message", title: heading, context: ["heading": heading, "message": message],
                    request: request, status: status)
    }

    /// The answer to a failed request: 400 for a bad parameter, 404 for what the archive does not
    /// hold, 500 (logged, with a message that names no file) when the archive itself failed.
    func failure(_ error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let error as PageError:
            switch error {
            case .badRequest(let message): return page(.badRequest, message: message, request: request)
            case .notFound(let message): return page(.notFound, message: message, request: request)
            }
        case let error as ArchiveError where error.scope == .request:
            return page(.notFound, message: error.description, request: request)
        default:
            logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            return page(.internalServerError, message: "the archive could not answer this request", request: request)
        }
    }
}

/// A request the pages refuse before asking the archive.
enum PageError: Error, Sendable {
    /// A parameter is malformed (400).
    case badRequest(String)
    /// The path names nothing (404).
    case notFound(String)
}

/// The renderer's error pages, as the middlewares use them.
typealias ErrorPages = PageRenderer
