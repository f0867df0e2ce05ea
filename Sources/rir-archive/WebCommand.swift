import ArgumentParser
import Dispatch
import FoundationEssentials
import RIRArchive
import RIRWeb

/// `rir-archive web …`: helpers for the web interface's configuration.
struct WebCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "Helpers for the web interface's configuration.",
        subcommands: [HashPassword.self])

    struct HashPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-password",
            abstract: "Read a password on stdin and print its bcrypt hash for a web.users entry.")

        @Option(help: "bcrypt cost (4–31; each step doubles the time).") var cost: UInt8 = 12

        func validate() throws {
            guard (4...31).contains(cost) else { throw ValidationError("--cost must be between 4 and 31") }
        }

        func run() throws {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("give the password on stdin, e.g. printf %s 'secret' | rir-archive web hash-password")
            }
            Output.line(WebPassword.hash(line, cost: cost))
        }
    }
}
