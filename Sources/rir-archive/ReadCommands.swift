import ArgumentParser
import Foundation
import RIRModel
import RIRParser
import RIRStore

/// `rir-archive history ID`: the revisions of a report and their captures.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the revisions of a report and the captures of each.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.") var id: String
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let (store, _) = try archive.open(.readOnly)
        let revisions = try store.history(of: id)
        switch format {
        case .json:
            Output.line(Output.json(revisions.map(RevisionJSON.init)))
        case .text:
            for revision in revisions {
                Output.line("revision \(revision.revision)  \(revision.contentHash.prefix(12))  published \(revision.published.iso)  first seen \(revision.firstSeen)  last seen \(revision.lastSeen)")
                Output.line("  \(revision.title)")
                for capture in revision.captures {
                    Output.line("  capture \(capture.sha256.prefix(12))  \(capture.capturedAt)  \(capture.format)/\(capture.encoding)  \(capture.source)")
                }
            }
        }
    }
}

/// One element of `history --format json`.
struct RevisionJSON: Encodable {
    struct CaptureJSON: Encodable {
        var sha256: String
        var source: String
        var capturedAt: String
        var format: String
        var encoding: String
        enum CodingKeys: String, CodingKey { case sha256, source, capturedAt = "captured_at", format, encoding }
    }

    var revision: Int
    var contentHash: String
    var published: String
    var title: String
    var firstSeen: String
    var lastSeen: String
    var captures: [CaptureJSON]

    init(_ summary: RevisionSummary) {
        revision = summary.revision
        contentHash = summary.contentHash
        published = summary.published.iso
        title = summary.title
        firstSeen = summary.firstSeen
        lastSeen = summary.lastSeen
        captures = summary.captures.map {
            CaptureJSON(sha256: $0.sha256, source: $0.source, capturedAt: $0.capturedAt, format: $0.format,
                        encoding: $0.encoding)
        }
    }

    enum CodingKeys: String, CodingKey {
        case revision, contentHash = "content_hash", published, title, firstSeen = "first_seen"
        case lastSeen = "last_seen", captures
    }
}

/// `rir-archive show ID`: what a report said in one revision.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one revision of a report (the latest by default), one section of it, or its raw capture.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.") var id: String
    @Option(help: "The revision number (default: the latest).") var revision: Int?
    @Option(help: "Print only the section with this number, e.g. 3.10.") var section: String?
    @Flag(help: "Write the revision's first capture to stdout exactly as it was received.") var raw = false

    func validate() throws {
        if raw && section != nil { throw ValidationError("--raw and --section cannot be used together") }
        if let revision, revision < 1 { throw ValidationError("--revision must be 1 or more") }
    }

    func run() throws {
        let (store, _) = try archive.open(.readOnly)
        if raw {
            Output.raw(try store.rawCapture(id, revision: revision))
            return
        }
        let (number, report) = try store.report(id, revision: revision)
        if let section {
            guard let found = report.section(numbered: section) else {
                let numbers = report.sections.compactMap(\.number).joined(separator: ", ")
                throw ValidationError("\(id) revision \(number) has no section \(section); its sections are \(numbers)")
            }
            Output.line(ReportText.render(found))
            return
        }
        Output.line("[\(id) revision \(number)]\n")
        Output.line(ReportText.render(report))
    }
}

/// `rir-archive verify`: check the whole archive.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the archive: SQLite integrity, foreign keys, and every stored hash recomputed.",
        discussion: "Exit status: 0 when the archive is sound, 1 when any problem was found.")

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let (store, _) = try archive.open(.readOnly)
        let result = try store.verify()
        for problem in result.problems { Output.line("problem: \(problem)") }
        Output.line("\(result.reports) reports, \(result.revisions) revisions, \(result.captures) captures, \(result.blobs) stored captures, \(result.contents) shared texts: \(result.isHealthy ? "ok" : "\(result.problems.count) problems")")
        if !result.isHealthy { throw ExitCode.failure }
    }
}
