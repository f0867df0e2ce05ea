import ArgumentParser
import RIRArchive

/// `rir-archive fetch`: fetch IRB pages now and ingest them.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the given URLs (else every configured source once) and ingest what changed.",
        discussion: """
        Requests are conditional (If-None-Match / If-Modified-Since): a 304 counts as an unchanged capture \
        and refreshes "last seen"; 404 and 410 mark the report as gone from its source. Exit status: 0 when \
        every page was fetched (or is known and gone: the archive keeps it); 1 when a fetch failed, or a URL \
        never captured before answered 404/410 (the URL is probably wrong); 65 when a fetched page was rejected.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Option(name: .customLong("url"), parsing: .upToNextOption, help: "Page URLs to fetch.")
    var urls: [String] = []
    @Flag(name: .customLong("allow-http"), help: "Allow plain http for these URLs (loopback hosts always may).")
    var allowHTTP = false
    @Option(help: "Output format: text or json (one object per URL per line).")
    var format: DocumentFormat = .text

    func run() throws {
        let archive = try archive.open(.readWrite)
        var pages: [FetchedPage] = []
        if urls.isEmpty {
            guard !archive.config.fetch.sources.isEmpty else {
                throw ValidationError("no --url given and no fetch.sources configured")
            }
            for source in archive.config.fetch.sources { pages += try archive.fetch(source).pages }
        } else {
            for url in urls { pages.append(try archive.fetchPage(url, allowHTTP: allowHTTP)) }
        }
        for page in pages {
            switch format {
            case .json: Output.jsonLine(page.jsonValue)
            case .text:
                Output.line(Output.outcomeLine(page.outcome.rawValue, id: page.id,
                                               detail: page.status.map { "HTTP \($0)" } ?? "", location: page.url,
                                               reason: page.reason))
            }
        }
        if pages.contains(where: { $0.outcome == .failed || ($0.outcome == .gone && !$0.wasKnown) }) {
            throw ExitCode(ExitStatus.failure)
        }
        if pages.contains(where: { $0.outcome == .rejected }) { throw ExitCode(ExitStatus.rejected) }
    }
}
