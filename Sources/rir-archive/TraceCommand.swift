import ArgumentParser
import RIRArchive
import RIRDiff
import RIRModel
import RIRPresentation
import RIRStore

/// `rir-archive trace "TEXT"`: which reports held a phrase, from when to when.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Every report and revision span that held a phrase, where it disappeared, and whether the reports that replace it carry it on.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "The phrase (compared with accents, case and spacing folded).") var phrase: String
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let traces = try archive.open(.readOnly).trace(phrase)
        switch format {
        case .json:
            Output.json(.array(traces.flatMap { trace in
                trace.spans.map { span in
                    .object([
                        JSONMember("id", .string(span.id)),
                        JSONMember("from_revision", .integer(span.fromRevision)),
                        JSONMember("to_revision", .integer(span.toRevision)),
                        JSONMember("first_seen", .string(span.firstSeen)),
                        JSONMember("last_seen", .string(span.lastSeen)),
                        JSONMember("disappeared_in", .optional(span.disappearedIn)),
                        JSONMember("replaced_by", .array(trace.replacedBy.map { successor in
                            .object([
                                JSONMember("id", .string(successor.id)),
                                JSONMember("carries_phrase", successor.carriesPhrase.map { .bool($0) } ?? .null),
                            ])
                        })),
                    ])
                }
            }))
        case .text:
            if traces.isEmpty { Output.line("no report holds \"\(phrase)\"") }
            for trace in traces {
                for span in trace.spans {
                    let end = span.disappearedIn.map { "gone in revision \($0)" } ?? "still there"
                    Output.line("\(span.id)  revisions \(span.fromRevision)–\(span.toRevision)  \(span.firstSeen) to \(span.lastSeen)  \(end)")
                }
                for successor in trace.replacedBy {
                    let carries = successor.carriesPhrase.map { $0 ? "carries it on" : "drops it" } ?? "not in the archive"
                    Output.line("  replaced by \(successor.id): \(carries)")
                }
            }
        }
    }
}
