import ArgumentParser

/// The `rir-archive` command: parses arguments, calls the archive, prints.
@main
struct RIRArchive: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rir-archive",
        abstract: "A change-tracking archive of the IRB's Responses to Information Requests.",
        discussion: """
        Keeps every distinct version of every RIR in a SQLite archive, diffs versions section by \
        section, and enforces the seven-year retention window.

        The database is --database PATH, else $RIR_ARCHIVE_DATABASE, else the `database` key of the \
        configuration file (--config FILE or $RIR_ARCHIVE_CONFIG), else ./rir-archive.db.
        """,
        version: version,
        subcommands: [
            ParseCommand.self, IngestCommand.self, ListCommand.self, HistoryCommand.self,
            ShowCommand.self, DiffCommand.self, VerifyCommand.self, RetentionCommand.self, ReportCommand.self,
            AuditCommand.self, FetchCommand.self, DaemonCommand.self, ConfigCommand.self,
        ]
    )
}
