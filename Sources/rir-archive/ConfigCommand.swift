import ArgumentParser
import Foundation
import Logging
import RIRArchive
import RIRConfig
import RIRDaemon
import RIRStore

/// `rir-archive config check`: validate a configuration and print the effective one.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration and print the effective one (flag > environment > file > default).")

        @OptionGroup var archive: ArchiveOptions

        func run() throws {
            let config = try archive.resolvedConfig()
            for name in ArchiveConfig.unknownEnvironmentVariables(in: ProcessInfo.processInfo.environment) {
                Output.error("warning: \(name) is set but is not a rir-archive setting")
            }
            Output.write(config.effectiveYAML, to: .standardOutput)
        }
    }
}
