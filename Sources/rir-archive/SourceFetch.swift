import Foundation
import RIRConfig
import RIRFetch
import RIRStore

/// Fetching configured sources and explicit URLs into the archive: the fetcher's
/// responses go through the same ingest pipeline as files.
struct SourceFetch {
    let store: ArchiveStore
    let config: ArchiveConfig
    let fetcher: Fetcher

    /// One fetched URL and what became of it (`fetch --format json` prints one per line).
    struct Line: Encodable {
        var url: String
        var status: Int?
        var id: String?
        var outcome: String
        var revision: Int?
        var reason: String?

        var failed: Bool { outcome == "failed" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(status, forKey: .status)
            try container.encode(id, forKey: .id)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(revision, forKey: .revision)
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case url, status, id, outcome, revision, reason }
    }

    init(store: ArchiveStore, config: ArchiveConfig, fetcher: Fetcher? = nil) {
        self.store = store
        self.config = config
        self.fetcher = fetcher ?? Fetcher(settings: Self.settings(config.fetch))
    }

    /// The fetcher settings the configuration describes.
    static func settings(_ fetch: ArchiveConfig.Fetch) -> FetchSettings {
        FetchSettings(userAgent: fetch.userAgentHeader,
                      connectTimeout: fetch.connectTimeout.seconds, totalTimeout: fetch.totalTimeout.seconds,
                      maxBodyBytes: fetch.maxBodyBytes, retries: fetch.retries,
                      minHostDelay: fetch.minHostDelay.seconds, allowedHosts: Set(fetch.effectiveAllowedHosts))
    }

    /// Fetches one configured source: the page itself, or for a listing every RIR page linked from it;
    /// the summary counts the outcomes (`1 new-document, 2 unchanged`).
    func run(_ source: FetchSource) -> (lines: [Line], summary: String) {
        var lines: [Line]
        if source.listing, let pattern = source.linkPattern {
            lines = listing(source.url, pattern: pattern, allowHTTP: source.allowHTTP)
        } else {
            lines = [page(source.url, allowHTTP: source.allowHTTP)]
        }
        var counts: [String: Int] = [:]
        for line in lines { counts[line.outcome, default: 0] += 1 }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return (lines, summary.isEmpty ? "no pages found" : summary)
    }

    /// Fetches a listing page and every page it links to that matches `pattern`.
    func listing(_ url: String, pattern: String, allowHTTP: Bool) -> [Line] {
        switch fetcher.fetch(url, allowHTTP: allowHTTP) {
        case .fetched(let response):
            do {
                let links = try discoverLinks(in: response.body, baseURL: response.finalURL, pattern: pattern)
                return links.map { page($0, allowHTTP: allowHTTP) }
            } catch {
                return [Line(url: url, status: response.status, outcome: "failed", reason: "\(error)")]
            }
        case .notModified:
            return [Line(url: url, status: 304, outcome: "unchanged")]
        case .gone(let status):
            return [Line(url: url, status: status, outcome: "failed", reason: "the listing page answered HTTP \(status)")]
        case .failed(let error):
            return [Line(url: url, outcome: "failed", reason: "\(error)")]
        }
    }

    /// Fetches one RIR page conditionally and ingests it.
    func page(_ url: String, allowHTTP: Bool) -> Line {
        do {
            let key = try SourceURL(url).canonical
            let known = try store.source(key)
            let validators = known.map { Validators(etag: $0.etag, lastModified: $0.lastModified) }
            let outcome = fetcher.fetch(url, validators: validators, allowHTTP: allowHTTP)
            let now = Clock.timestamp()
            switch outcome {
            case .fetched(let response):
                let ingestion = try Ingestion(store: store, config: config, asOf: Clock.today())
                let result = try ingestion.ingest(response.body, name: key, source: url)
                try store.recordFetch(key: key, url: url,
                                      .fetched(status: response.status,
                                               reportID: result.outcome == .rejected ? nil : result.id,
                                               etag: response.validators.etag,
                                               lastModified: response.validators.lastModified), at: now)
                return Line(url: url, status: response.status, id: result.id, outcome: result.outcome.rawValue,
                            revision: result.revision, reason: result.reason)
            case .notModified(let fresh):
                let seen = try store.recordFetch(key: key, url: url,
                                                 .notModified(etag: fresh.etag, lastModified: fresh.lastModified),
                                                 at: now)
                return Line(url: url, status: 304, id: seen?.id, outcome: "unchanged", revision: seen?.revision)
            case .gone(let status):
                try store.recordFetch(key: key, url: url, .gone(status: status), at: now)
                return Line(url: url, status: status, id: known?.reportID, outcome: "gone",
                            reason: "the page answered HTTP \(status); the archive keeps what it has")
            case .failed(let error):
                try store.recordFetch(key: key, url: url, .failed(status: outcome.httpStatus), at: now)
                return Line(url: url, status: outcome.httpStatus, id: known?.reportID, outcome: "failed",
                            reason: "\(error)")
            }
        } catch {
            return Line(url: url, outcome: "failed", reason: "\(error)")
        }
    }
}

extension ConfigDuration {
    /// The duration in seconds.
    var seconds: Double { Double(milliseconds) / 1000 }
}
