import ArgumentParser
import FoundationEssentials
import RIRArchive
import RIRConfig
import RIRModel
import RIRStore

/// `--database` and `--config`, for every command that opens the archive.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The archive database file (default: the config's `database`, else ./rir-archive.db).", valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "The YAML configuration file (default: $RIR_ARCHIVE_CONFIG, else built-in defaults).", valueName: "file"))
    var config: String?

    /// The effective configuration: flag > environment > file > default.
    func resolvedConfig(inbox: String? = nil) throws(ArchiveError) -> ArchiveConfig {
        let environment = ProcessInfo.processInfo.environment
        let file = config ?? environment[ArchiveConfig.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        do {
            return try ArchiveConfig.resolve(file: file, environment: environment,
                                             overrides: ConfigOverrides(database: database, inbox: inbox))
        } catch {
            throw .config("\(error)")
        }
    }

    /// Opens the archive the configuration names: `.readWrite` creates it if needed,
    /// `.readOnly` requires it and never modifies the file.
    func open(_ access: ArchiveStore.Access) throws(ArchiveError) -> Archive {
        try Archive.open(try resolvedConfig(), access: access)
    }
}

/// `--as-of YYYY-MM-DD`: the day a command treats as today.
struct AsOfOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The day to treat as today (default: today, UTC).",
                                            valueName: "YYYY-MM-DD"),
            transform: AsOfOption.parseDate)
    var asOf: CalendarDate?

    var day: CalendarDate { asOf ?? ArchiveClock.system.today() }

    static func parseDate(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw ValidationError("\(text) is not a date in the form YYYY-MM-DD")
        }
        return date
    }
}

/// `--format text|json`, for the commands that print one document or one record per line.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
