import ArgumentParser
import RIRArchive
import RIRPresentation

/// `rir-archive verify`: check the whole archive.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the archive: SQLite integrity, foreign keys, and every stored hash recomputed.",
        discussion: "Exit status: 0 when the archive is sound, 1 when any problem was found.")

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let result = try archive.open(.readOnly).verify()
        for problem in result.problems { Output.line("problem: \(problem)") }
        let counts = [count(result.reports, "report"), count(result.revisions, "revision"), count(result.captures, "capture"),
                      count(result.blobs, "stored capture"), count(result.contents, "shared text")]
        Output.line(counts.joined(separator: ", ") + ": " + (result.isHealthy ? "ok" : count(result.problems.count, "problem")))
        if !result.isHealthy { throw ExitCode(ExitStatus.failure) }
    }
}
