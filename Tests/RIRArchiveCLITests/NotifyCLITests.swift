import Foundation
import RIRTestSupport
import Testing

/// Notifications end to end: the built daemon, real receivers on loopback (Python's aiosmtpd and an HTTP
/// receiver that checks the HMAC), and `notify status` / `notify test`.
@Suite final class NotifyCLITests {
    let root: String
    let notify: NotifyListener
    var inbox: String { root + "/inbox" }
    var database: String { root + "/archive.db" }
    var configPath: String { root + "/rir-archive.yaml" }
    var secretPath: String { root + "/hook.key" }
    private var children: [CLI.Child] = []
    private var receivers: [NotificationReceiver] = []

    init() throws {
        root = "/tmp/rir-ntf-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/inbox", withIntermediateDirectories: true)
        notify = try NotifyListener(path: root + "/notify.sock")
        try "k3y-for-hmac\n".write(toFile: secretPath, atomically: true, encoding: .utf8)
    }

    deinit {
        for child in children { child.terminate() }
        for receiver in receivers { receiver.stop() }
        notify.close()
        try? FileManager.default.removeItem(atPath: root)
    }

    static let edited = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "a managing editor at Mexico Violence", with: "an editor at Mexico Violence")

    // MARK: - Done when

    @Test(.enabled(if: NotificationReceiver.hasAiosmtpd, "needs aiosmtpd: pip install aiosmtpd"))
    func aNewRevisionIngestedByTheDaemonReachesSMTPAndAWebhookOnceEvenAcrossAKill9() throws {
        let receiver = try startReceiver(secret: "k3y-for-hmac")
        // Revision 1 is in the archive before the channels are configured: it is not news to them.
        let first = try CLI.run(["ingest", Seeds.path(Seeds.mex201601), "--database", database])
        try #require(first.status == 0, "\(first.stderr)")
        // A round at start, then one an hour later: the kill below falls between the event and its delivery.
        try writeConfig(receiver, interval: "1h")

        let daemon = try startDaemon()
        try #require(CLI.waitUntil { daemon.stderr.contains("notifications: nothing due") },
                     "no first delivery round; stderr:\n\(daemon.stderr)")
        try drop(Self.edited, as: "MEX201601.E.txt")
        try #require(CLI.waitUntil { FileManager.default.fileExists(atPath: "\(self.inbox)/processed/MEX201601.E.txt") },
                     "stderr:\n\(daemon.stderr)")
        daemon.signal(SIGKILL)
        #expect(daemon.waitForExit() != nil)
        #expect(receiver.mails.isEmpty && receiver.webhooks.isEmpty, "delivered before the kill: nothing was tested")

        // After the restart, the event recorded with the ingest goes out: once to each channel.
        let restarted = try startDaemon()
        #expect(receiver.waitFor { $0.mails.count == 1 && $0.webhooks.count == 1 },
                "mails \(receiver.mails.count), webhooks \(receiver.webhooks.count); stderr:\n\(restarted.stderr)")
        let mail = try #require(receiver.mails.first)
        #expect(mail.subject == "Revision 2: MEX201601.E — \(try title())")
        #expect(mail.from == "archive@example.org" && mail.envelopeTo == ["team@example.org"])
        #expect(mail.body.contains("MEX201601.E has a new revision 2 (compared with revision 1)."), "\(mail.body)")
        #expect(mail.body.contains("Sections: 1 modified"), "\(mail.body)")
        #expect(mail.body.contains("https://archive.example.org/reports/MEX201601.E/diff?from=1&to=2"))
        let hook = try #require(receiver.webhooks.first)
        #expect(hook.signatureValid && hook.status == 200)
        #expect(hook.headers["x-rir-event"] == "new-revision")
        #expect(hook.body.contains("\"diff_summary\":\"1 modified"))

        // Stopped and started again, it sends nothing twice.
        restarted.signal(SIGTERM)
        #expect(restarted.waitForExit() == 0)
        let third = try startDaemon()
        #expect(CLI.waitUntil { third.stderr.contains("notifications: nothing due") }, "stderr:\n\(third.stderr)")
        third.signal(SIGTERM)
        #expect(third.waitForExit() == 0)
        #expect(receiver.mails.count == 1 && receiver.webhooks.count == 1)
        let status = try CLI.run(["notify", "status", "--database", database, "--format", "json"])
        #expect(status.status == 0 && status.text == "[]\n", "\(status.text)\(status.stderr)")
    }

    // MARK: - Retries

    @Test func aReceiverThatAnswers500IsRetriedWithBackoffAndNeverHoldsUpIngest() throws {
        let receiver = try startReceiver(secret: "k3y-for-hmac", failFirst: 1, smtp: false)
        try writeConfig(receiver, interval: "300ms", retryDelay: "3s", email: false)
        let daemon = try startDaemon()
        try #require(notify.waitFor { $0.contains("READY=1") } != nil, "stderr:\n\(daemon.stderr)")
        try drop(Array(Seeds.text(Seeds.mex201601).utf8), as: "MEX201601.E.txt")
        #expect(receiver.waitFor { $0.webhooks.count >= 1 }, "stderr:\n\(daemon.stderr)")
        // While the receiver fails, files keep flowing through the inbox at their usual pace.
        let started = Date()
        try drop(Array(Seeds.text(Seeds.mex201603).utf8), as: "MEX201603.E.txt")
        #expect(CLI.waitUntil(within: 5) { FileManager.default.fileExists(atPath: "\(self.inbox)/processed/MEX201603.E.txt") })
        #expect(Date().timeIntervalSince(started) < 3, "an ingest waited for the deliveries")

        // The first attempt got a 500; its retry goes through: each event arrives once, the failure is logged.
        #expect(receiver.waitFor(within: 20) { $0.webhooks.filter { $0.status == 200 }.count == 2 },
                "\(receiver.webhooks.map(\.status)); stderr:\n\(daemon.stderr)")
        let hooks = receiver.webhooks
        #expect(hooks.count == 3 && hooks.first?.status == 500, "\(hooks.map(\.status))")
        let delivered = hooks.filter { $0.status == 200 }.map { $0.headers["x-rir-delivery"] ?? "" }
        #expect(Set(delivered).count == 2, "each delivery exactly once: \(delivered)")
        #expect(daemon.stderr.contains("it answered HTTP 500"))
        // The retry came after a backoff (retry_delay 3s with jitter: at least 1.5 s), not at the next round.
        let failed = try #require(hooks.first)
        let retry = try #require(hooks.first { $0.status == 200 && $0.headers["x-rir-delivery"] == failed.headers["x-rir-delivery"] })
        #expect(retry.receivedAt - failed.receivedAt >= 1.0, "retried after \(retry.receivedAt - failed.receivedAt) s")
        #expect(daemon.isRunning)
    }

    @Test func aDeliveryThatKeepsFailingIsGivenUpAfterMaxAttemptsAndShownByNotifyStatus() throws {
        let receiver = try startReceiver(failFirst: -1, smtp: false)
        try writeConfig(receiver, interval: "300ms", retryDelay: "1s", maxAttempts: 2, email: false)
        let daemon = try startDaemon()
        try #require(notify.waitFor { $0.contains("READY=1") } != nil, "stderr:\n\(daemon.stderr)")
        try drop(Array(Seeds.text(Seeds.mex201601).utf8), as: "MEX201601.E.txt")

        var rows: [[String: Any]] = []
        #expect(CLI.waitUntil(within: 20) {
            rows = (try? self.statusRows()) ?? []
            return rows.first?["state"] as? String == "failed"
        }, "notify status: \(rows); stderr:\n\(daemon.stderr)")
        let row = try #require(rows.first)
        #expect(row["attempts"] as? Int == 2 && row["kind"] as? String == "new-report")
        #expect(row["id"] as? String == "MEX201601.E" && row["channel"] as? String == "webhook:\(receiver.webhookURL)")
        #expect((row["last_error"] as? String)?.hasSuffix("it answered HTTP 500") == true)
        #expect(row["next_attempt_at"] is NSNull && row["failed_at"] is String)
        usleep(1_500_000)
        #expect(receiver.webhooks.count == 2, "no attempt after the last one")
        let table = try CLI.run(["notify", "status", "--database", database])
        #expect(table.text.contains("failed") && table.text.contains("new-report"), "\(table.text)")
    }

    // MARK: - notify test

    @Test(.enabled(if: NotificationReceiver.hasAiosmtpd, "needs aiosmtpd: pip install aiosmtpd"))
    func notifyTestSendsOneMessageToEachConfiguredChannelOrTheOneNamed() throws {
        let receiver = try startReceiver(secret: "k3y-for-hmac")
        try writeConfig(receiver, interval: "1h")
        let both = try CLI.run(["notify", "test", "--config", configPath])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.text.contains("sent a test message to webhook:\(receiver.webhookURL)"))
        #expect(both.text.contains("sent a test message to email:\(receiver.smtpURL ?? "")"))
        #expect(receiver.waitFor { $0.mails.count == 1 && $0.webhooks.count == 1 })
        #expect(receiver.mails.first?.subject == "rir-archive test message")
        #expect(receiver.webhooks.first?.signatureValid == true)

        let one = try CLI.run(["notify", "test", "--config", configPath, "--channel", "webhook"])
        #expect(one.status == 0 && !one.text.contains("email:"), "\(one.text)")
        #expect(receiver.waitFor { $0.webhooks.count == 2 } && receiver.mails.count == 1)

        let none = try CLI.run(["notify", "test", "--config", configPath, "--channel", "slack"])
        #expect(none.status != 0 && none.stderr.contains("no configured channel matches slack"), "\(none.stderr)")
    }

    @Test func notifyTestExitsNonZeroNamingAChannelThatCannotBeReached() throws {
        let closed = try ClosedLoopbackPort()
        defer { closed.release() }
        try """
        notify:
          webhooks:
            - url: "http://127.0.0.1:\(closed.port)/hook"
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let result = try CLI.run(["notify", "test", "--config", configPath])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: cannot deliver to webhook:http://127.0.0.1:\(closed.port)/hook: "),
                "\(result.stderr)")
    }

    // MARK: - Helpers

    private func startReceiver(secret: String = "", failFirst: Int = 0, smtp: Bool = true) throws -> NotificationReceiver {
        let receiver = try NotificationReceiver(folder: root + "/receiver-\(receivers.count)", secret: secret,
                                                failFirst: failFirst, smtp: smtp)
        receivers.append(receiver)
        return receiver
    }

    private func writeConfig(_ receiver: NotificationReceiver, interval: String, retryDelay: String = "1m",
                             maxAttempts: Int = 8, email: Bool = true) throws {
        var yaml = """
        log:
          level: debug
        notify:
          base_url: "https://archive.example.org"
          interval: "\(interval)"
          retry_delay: "\(retryDelay)"
          max_attempts: \(maxAttempts)
          webhooks:
            - url: "\(receiver.webhookURL)"
              secret_file: "\(secretPath)"

        """
        if email, let smtp = receiver.smtpURL {
            yaml += """
              email:
                url: "\(smtp)"
                from: archive@example.org
                to: [team@example.org]

            """
        }
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    private func startDaemon() throws -> CLI.Child {
        let child = try CLI.start(["daemon", "--config", configPath, "--inbox", inbox, "--database", database],
                                  environment: ["NOTIFY_SOCKET": notify.address],
                                  stderrPath: root + "/daemon-\(children.count).err")
        children.append(child)
        return child
    }

    private func drop(_ bytes: [UInt8], as name: String) throws {
        let part = "\(inbox)/\(name).part"
        try Data(bytes).write(to: URL(fileURLWithPath: part))
        guard rename(part, "\(inbox)/\(name)") == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    private func drop(_ text: String, as name: String) throws { try drop(Array(text.utf8), as: name) }

    private func statusRows() throws -> [[String: Any]] {
        let result = try CLI.run(["notify", "status", "--database", database, "--format", "json"])
        return try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] ?? []
    }

    private func title() throws -> String {
        let show = try CLI.run(["history", "MEX201601.E", "--database", database, "--format", "json"])
        let revisions = try JSONSerialization.jsonObject(with: show.stdout) as? [[String: Any]] ?? []
        return revisions.last?["title"] as? String ?? ""
    }
}
