import ArgumentParser
import FoundationEssentials
import RIRArchive
import RIRConfig

/// Shell completion of report IDs: the IDs the archive holds that start with what is typed.
///
/// The archive is the one the command line names (`--database`, `--config`), else the environment
/// and defaults, opened read-only; when there is none, nothing is offered.
enum ReportIDCompletion {
    static let kind = CompletionKind.custom { arguments, _, prefix in candidates(arguments, prefix: prefix) }

    static func candidates(_ arguments: [String], prefix: String) -> [String] {
        func value(of flag: String) -> String? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        let environment = ProcessInfo.processInfo.environment
        let file = value(of: "--config") ?? environment[ArchiveConfig.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        guard let config = try? ArchiveConfig.resolve(file: file, environment: environment,
                                                      overrides: ConfigOverrides(database: value(of: "--database"))),
              FileManager.default.fileExists(atPath: config.database),
              let archive = try? Archive.open(config, access: .readOnly),
              let reports = try? archive.list(asOf: archive.clock.today()) else { return [] }
        return reports.map(\.id.description).filter { $0.hasPrefix(prefix.uppercased()) }
    }
}
