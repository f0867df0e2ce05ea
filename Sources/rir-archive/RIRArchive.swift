import ArgumentParser

@main
struct RIRArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rir-archive",
        abstract: "A change-tracking archive of the IRB's Responses to Information Requests.",
        version: "0.1.0",
        subcommands: []
    )
}
