import ArgumentParser
import RIRArchive
import RIRPresentation

/// `rir-archive backup DEST`: a verified online copy of the archive, safe while the daemon runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a verified copy of the archive to DEST (safe while the daemon runs).",
        discussion: """
        Copies the database with SQLite's online backup (a consistent snapshot even while the daemon \
        writes), checks the copy as `verify` does, and renames it into place: DEST is either the old \
        file or the new one, never half of one. When DEST is a folder the copy is \
        DEST/archive-YYYYMMDDTHHMMSSZ.db.

        To restore: stop the daemon (systemctl stop rir-archive); run `rir-archive verify --database \
        BACKUP`; move the damaged archive and its -wal and -shm files aside; copy BACKUP to the \
        archive's path; start the daemon again.

        Exit status: 0 the copy is in place and verified; 73 it could not be written or did not verify \
        (nothing was left at DEST); 74 the archive cannot be read.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: ArgumentHelp("The backup file, or a folder to write archive-TIMESTAMP.db into.",
                                 valueName: "dest"))
    var destination: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let outcome = try archive.open(.readOnly).backup(to: destination)
        if json {
            Output.jsonLine(.object([
                JSONMember("path", .string(outcome.path)), JSONMember("bytes", .integer(outcome.bytes)),
                JSONMember("reports", .integer(outcome.verified.reports)),
                JSONMember("revisions", .integer(outcome.verified.revisions)),
                JSONMember("captures", .integer(outcome.verified.captures)), JSONMember("verified", .bool(true)),
            ]))
        } else {
            Output.line("backup \(outcome.summary)")
            Output.line("written to \(outcome.path)")
        }
    }
}
