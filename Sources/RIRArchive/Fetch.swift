import RIRConfig
import RIRFetch
import RIRStore

/// One fetched URL and what became of it.
public struct FetchedPage: Sendable, Hashable {
    /// What happened to the page.
    public enum Outcome: String, Sendable, Hashable {
        case newDocument = "new-document"
        case newRevision = "new-revision"
        /// The content equals the revision in force, or the server answered 304.
        case unchanged
        /// The page was fetched but its capture was refused.
        case rejected
        /// The page answered 404 or 410: the archive keeps what it has.
        case gone
        /// The fetch itself failed (network, HTTP error, a disallowed URL).
        case failed
    }

    /// The URL as asked for.
    public var url: String
    /// The HTTP status of the final response, when one came.
    public var status: Int?
    /// The report the page holds (or held).
    public var id: String?
    public var outcome: Outcome
    /// The revision the capture belongs to.
    public var revision: Int?
    /// Why it was rejected, gone or failed.
    public var reason: String?

    /// Whether the URL was never captured before this fetch (a 404 of such a URL is probably a typo).
    public var wasKnown = true

    init(url: String, status: Int? = nil, id: String? = nil, outcome: Outcome, revision: Int? = nil,
         reason: String? = nil) {
        self.url = url
        self.status = status
        self.id = id
        self.outcome = outcome
        self.revision = revision
        self.reason = reason
    }
}

extension FetchedPage.Outcome {
    init(_ outcome: IngestOutcome) {
        switch outcome {
        case .newDocument: self = .newDocument
        case .newRevision: self = .newRevision
        case .unchanged: self = .unchanged
        case .rejected: self = .rejected
        }
    }
}

/// The pages one configured source gave.
public struct SourceFetchReport: Sendable {
    /// The source fetched.
    public var source: FetchSource
    /// One entry per page.
    public var pages: [FetchedPage]

    /// `1 new-document, 2 unchanged` (outcomes in a stable order), or `no pages found`.
    public var summary: String {
        var counts: [String: Int] = [:]
        for page in pages { counts[page.outcome.rawValue, default: 0] += 1 }
        let text = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return text.isEmpty ? "no pages found" : text
    }
}

extension Archive {
    /// Fetches one configured source: the page itself, or for a listing every RIR page linked from it.
    ///
    /// A page's failure is in its entry; only an archive failure (the database) is thrown.
    public func fetch(_ source: FetchSource) throws(ArchiveError) -> SourceFetchReport {
        let pages: [FetchedPage]
        if source.listing, let pattern = source.linkPattern {
            pages = try fetchListing(source.url, pattern: pattern, allowHTTP: source.allowHTTP)
        } else {
            pages = [try fetchPage(source.url, allowHTTP: source.allowHTTP)]
        }
        return SourceFetchReport(source: source, pages: pages)
    }

    /// Fetches a listing page and every page it links to that matches `pattern`.
    public func fetchListing(_ url: String, pattern: String, allowHTTP: Bool) throws(ArchiveError) -> [FetchedPage] {
        switch fetcher.fetch(url, allowHTTP: allowHTTP) {
        case .fetched(let response):
            let links: [String]
            do {
                links = try discoverLinks(in: response.body, baseURL: response.finalURL, pattern: pattern)
            } catch {
                return [FetchedPage(url: url, status: response.status, outcome: .failed, reason: "\(error)")]
            }
            var pages: [FetchedPage] = []
            for link in links { pages.append(try fetchPage(link, allowHTTP: allowHTTP)) }
            return pages
        case .notModified:
            return [FetchedPage(url: url, status: 304, outcome: .unchanged)]
        case .gone(let status):
            return [FetchedPage(url: url, status: status, outcome: .failed,
                                reason: "the listing page answered HTTP \(status)")]
        case .failed(let error):
            return [FetchedPage(url: url, outcome: .failed, reason: "\(error)")]
        }
    }

    /// Fetches one RIR page conditionally (with the validators of its last fetch), ingests it and
    /// records what the source answered.
    public func fetchPage(_ url: String, allowHTTP: Bool) throws(ArchiveError) -> FetchedPage {
        let key: String
        do { key = try SourceURL(url).canonical } catch {
            return FetchedPage(url: url, outcome: .failed, reason: "\(error)")
        }
        let known = try stored { () throws(StoreError) in try store.source(key) }
        let validators = known.map { Validators(etag: $0.etag, lastModified: $0.lastModified) }
        let outcome = fetcher.fetch(url, validators: validators, allowHTTP: allowHTTP)
        let now = clock.timestamp()
        var page: FetchedPage
        switch outcome {
        case .fetched(let response):
            let result = try ingest(response.body, name: key, source: url, httpStatusLine: response.statusLine,
                                    httpHeaders: response.headerText)
            try stored { () throws(StoreError) in
                try store.recordFetch(key: key, url: url,
                                      .fetched(status: response.status,
                                               reportID: result.outcome == .rejected ? nil : result.id,
                                               etag: response.validators.etag,
                                               lastModified: response.validators.lastModified), at: now)
            }
            page = FetchedPage(url: url, status: response.status, id: result.id, outcome: .init(result.outcome),
                               revision: result.revision, reason: result.reason)
        case .notModified(let fresh):
            let seen = try stored { () throws(StoreError) in
                try store.recordFetch(key: key, url: url,
                                      .notModified(etag: fresh.etag, lastModified: fresh.lastModified), at: now)
            }
            page = FetchedPage(url: url, status: 304, id: seen?.id, outcome: .unchanged, revision: seen?.revision)
        case .gone(let status):
            try stored { () throws(StoreError) in try store.recordFetch(key: key, url: url, .gone(status: status), at: now) }
            page = FetchedPage(url: url, status: status, id: known?.reportID, outcome: .gone,
                               reason: known?.reportID == nil
                                   ? "the page answered HTTP \(status) and was never captured: check the URL"
                                   : "the page answered HTTP \(status); the archive keeps what it has")
        case .failed(let error):
            try stored { () throws(StoreError) in
                try store.recordFetch(key: key, url: url, .failed(status: outcome.httpStatus), at: now)
            }
            page = FetchedPage(url: url, status: outcome.httpStatus, id: known?.reportID, outcome: .failed,
                               reason: "\(error)")
        }
        page.wasKnown = known?.reportID != nil
        return page
    }
}
