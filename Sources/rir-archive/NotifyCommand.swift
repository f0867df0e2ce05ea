import ArgumentParser
import RIRArchive
import RIRPresentation
import RIRStore

/// `rir-archive notify …`: the notification outbox and its channels.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Notifications: deliveries still pending or failed, and a test message to each channel.",
        discussion: """
        The daemon records an event for each new report, new revision, report gone from its source, \
        daily digest of reports entering the expiry window, sweep result and rejected capture, and \
        delivers it to the channels of `notify` (webhooks, e-mail) at least once, retrying with backoff.
        """,
        subcommands: [Status.self, Test.self])

    /// `notify status`: pending and failed deliveries.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the deliveries not yet made: pending ones (with their next attempt), then failed ones.")

        @OptionGroup var archive: ArchiveOptions
        @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

        func run() throws {
            let deliveries = try archive.open(.readOnly).undeliveredNotifications()
            Output.write(TabularReport(deliveries: deliveries).rendered(as: format), to: .standardOutput)
        }
    }

    /// `notify test`: one test message to each configured channel.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one test message to each configured channel (nothing is recorded in the outbox).",
            discussion: "Exits 1 when a channel could not be reached, with the cause.")

        @OptionGroup var archive: ArchiveOptions
        @Option(help: ArgumentHelp("Only the channels whose name contains this text (`webhook`, `email`, a URL).",
                                   valueName: "channel"))
        var channel: String?

        func run() throws {
            let results = try Archive(config: try archive.resolvedConfig(), store: ArchiveStore())
                .sendTestNotifications(matching: channel)
            for result in results {
                if let error = result.error {
                    Output.error("error: \(error)")
                } else {
                    Output.line("sent a test message to \(result.channel)")
                }
            }
            if results.contains(where: { $0.error != nil }) { throw ExitCode(ExitStatus.failure) }
        }
    }
}

extension TabularReport {
    /// `notify status`: one row per undelivered delivery.
    init(deliveries: [Delivery]) {
        self.init(columns: [
            Column("state"), Column("channel", maxWidth: 40), Column("event", alignment: .right), Column("kind"),
            Column("id"), Column("recorded_at"), Column("attempts", alignment: .right), Column("next_attempt_at"),
            Column("failed_at"), Column("last_error", maxWidth: 60),
        ])
        for delivery in deliveries {
            append([
                .text(delivery.failedAt == nil ? "pending" : "failed"), .text(delivery.channel),
                .integer(Int(delivery.event.id)), .text(delivery.event.kind.rawValue),
                delivery.event.reportID.map(Cell.text) ?? .null, .text(delivery.event.at),
                .integer(delivery.attempts),
                delivery.failedAt == nil ? .text(delivery.nextAttemptAt) : .null,
                delivery.failedAt.map(Cell.text) ?? .null, delivery.lastError.map(Cell.text) ?? .null,
            ])
        }
    }
}
