import ArgumentParser
import Foundation
import RIRArchive

/// The `rir-archive` command: parses arguments, calls the archive, prints.
@main
struct RIRArchiveCommand: ParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "rir-archive",
        abstract: "A change-tracking archive of the IRB's Responses to Information Requests.",
        discussion: """
        Keeps every distinct version of every RIR in a SQLite archive, diffs versions section by \
        section, and enforces the seven-year retention window.

        The database is --database PATH, else $RIR_ARCHIVE_DATABASE, else the `database` key of the \
        configuration file (--config FILE or $RIR_ARCHIVE_CONFIG), else ./rir-archive.db.

        Exit status: 0 success; 1 a check or fetch failed; 64 the command line is wrong; 65 an input \
        was rejected; 66 the archive does not hold what was asked for (a report, revision or section), \
        or an input file is missing; 73 a backup could not be written or did not verify; 74 the archive database cannot be used; 75 a sweep was refused \
        (retry with --force); 78 the configuration is invalid.
        """,
        version: version,
        subcommands: [
            ParseCommand.self, IngestCommand.self, ListCommand.self, HistoryCommand.self,
            ShowCommand.self, DiffCommand.self, VerifyCommand.self, RetentionCommand.self, ReportCommand.self,
            SearchCommand.self, BlameCommand.self, TraceCommand.self,
            AuditCommand.self, FetchCommand.self, DaemonCommand.self, ConfigCommand.self,
            BackupCommand.self, ExportCommand.self, ServeCommand.self, WebCommand.self,
            NotifyCommand.self,
        ]
    )

    /// Runs the command; an ``ArchiveError`` is printed as `error: …` with the exit status of its kind.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ArchiveError {
            fail(error)
        } catch let error as InputError {
            fail(.input(error))
        } catch {
            exit(withError: error)
        }
    }
}

extension RIRArchiveCommand {
    private static func fail(_ error: ArchiveError) -> Never {
        Output.error("error: \(error)")
        Foundation.exit(ExitStatus.of(error))
    }
}

/// The documented exit statuses (sysexits.h where one fits).
enum ExitStatus {
    static let failure: Int32 = 1
    static let rejected: Int32 = 65
    static let notFound: Int32 = 66
    static let backupFailed: Int32 = 73
    static let archiveUnusable: Int32 = 74
    static let refused: Int32 = 75
    static let badConfig: Int32 = 78

    static func of(_ error: ArchiveError) -> Int32 {
        switch error {
        case .config: badConfig
        case .input: notFound
        case .request: notFound
        case .store(let store) where store.isAboutRequest: notFound
        case .store(.missingDatabase): notFound
        case .store, .export: archiveUnusable
        case .backup: backupFailed
        }
    }
}
