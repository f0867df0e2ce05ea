import ArgumentParser
import Foundation
import RIRModel
import RIRStore

/// Where the archive database is, for every command that opens it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive database file.", valueName: "path"))
    var database: String?

    /// `--database`, else `RIR_ARCHIVE_DATABASE`, else `rir-archive.db` in the working directory.
    var resolvedPath: String {
        if let database { return database }
        if let fromEnvironment = ProcessInfo.processInfo.environment["RIR_ARCHIVE_DATABASE"],
           !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "rir-archive.db"
    }

    /// Opens the archive, creating it when `create` is true.
    func open(create: Bool) throws -> ArchiveStore {
        create ? try ArchiveStore(path: resolvedPath) : try ArchiveStore(existingPath: resolvedPath)
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
        ISO8601DateFormatter().string(from: date)
    }

    /// Today in UTC.
    static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
