import ArgumentParser
import Foundation
import RIRConfig
import RIRModel
import RIRStore

/// The configuration and the archive database, for every command that opens it.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The archive database file (default: the config's `database`, else ./rir-archive.db).", valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp(
        "The YAML configuration file (default: $RIR_ARCHIVE_CONFIG, else built-in defaults).", valueName: "file"))
    var config: String?

    /// The effective configuration: flag > environment > file > default.
    func resolvedConfig() throws -> ArchiveConfig {
        let environment = ProcessInfo.processInfo.environment
        let file = config ?? environment[ArchiveConfig.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        return try ArchiveConfig.resolve(file: file, environment: environment,
                                         overrides: ConfigOverrides(database: database))
    }

    /// Opens the archive the configuration names: `.readWrite` creates it if needed,
    /// `.readOnly` requires it and never modifies the file.
    func open(_ access: ArchiveStore.Access) throws -> (store: ArchiveStore, config: ArchiveConfig) {
        let config = try resolvedConfig()
        return (try ArchiveStore(path: config.database, access: access), config)
    }
}

/// `--as-of YYYY-MM-DD`: the day a command treats as today.
struct AsOfOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The day to treat as today (default: today, UTC).",
                                            valueName: "YYYY-MM-DD"),
            transform: AsOfOption.parseDate)
    var asOf: CalendarDate?

    var day: CalendarDate { asOf ?? Clock.today() }

    static func parseDate(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw ValidationError("--as-of: \(text) is not a date in the form YYYY-MM-DD")
        }
        return date
    }
}

/// Output formats of the commands that print records.
enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Output formats of the commands that print one document.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The one place that reads the clock.
enum Clock {
    /// Now, as ISO 8601 UTC with seconds (`2026-11-22T10:11:12Z`).
    static func timestamp(_ date: Date = Date()) -> String {
        Timestamp.iso(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Today in UTC.
    static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
