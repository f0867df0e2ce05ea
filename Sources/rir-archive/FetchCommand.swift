import ArgumentParser
import RIRConfig

/// `rir-archive fetch`: fetch IRB pages now and ingest them.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the given URLs (else every configured source once) and ingest what changed.",
        discussion: """
        Requests are conditional (If-None-Match / If-Modified-Since): a 304 counts as an unchanged capture \
        and refreshes "last seen"; 404 and 410 mark the report as gone from its source. Exit status: 0 when \
        every fetch succeeded, 1 when any failed, 65 when a fetched page was rejected.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Option(name: .customLong("url"), parsing: .upToNextOption, help: "Page URLs to fetch.")
    var urls: [String] = []
    @Flag(name: .customLong("allow-http"), help: "Allow plain http for these URLs (loopback hosts always may).")
    var allowHTTP = false
    @Option(help: "Output format: text or json (one object per URL per line).")
    var format: DocumentFormat = .text

    func run() throws {
        let (store, config) = try archive.open(.readWrite)
        let fetch = SourceFetch(store: store, config: config)
        var lines: [SourceFetch.Line] = []
        if urls.isEmpty {
            guard !config.fetch.sources.isEmpty else {
                throw ValidationError("no --url given and no fetch.sources configured")
            }
            for source in config.fetch.sources { lines += fetch.run(source).lines }
        } else {
            lines = urls.map { fetch.page($0, allowHTTP: allowHTTP) }
        }
        for line in lines {
            switch format {
            case .json: Output.line(Output.json(line, pretty: false))
            case .text:
                Output.line(Output.outcomeLine(line.outcome, id: line.id,
                                               detail: line.status.map { "HTTP \($0)" } ?? "", location: line.url,
                                               reason: line.reason))
            }
        }
        if lines.contains(where: \.failed) { throw ExitCode.failure }
        if lines.contains(where: { $0.outcome == "rejected" }) { throw ExitCode(65) }
    }
}
