import Foundation
import RIRModel
import RIRNotify
import RIRTestSupport
import Testing

/// The sender against real receivers on loopback: Python's aiosmtpd and an HTTP receiver that checks the
/// signature with Python's own hmac.
@Suite struct CurlNotifierTests {
    static let event = NotificationEvent(
        id: 42, kind: .newRevision, reportID: "MEX201601.EF", at: "2026-12-01T15:50:37Z",
        payload: NotificationPayload(title: "Mexique : les cartels et leurs « méthodes »", language: "fr",
                                     revision: 3, previousRevision: 2, diffSummary: "2 modifiées, 1 ajoutée",
                                     source: "inbox/MEX201601.EF.txt"))

    @Test(.enabled(if: NotificationReceiver.hasAiosmtpd, "needs aiosmtpd: pip install aiosmtpd"))
    func aMailReachesARealSMTPServerWithItsHeadersAndBodyInFrench() throws {
        let receiver = try NotificationReceiver(folder: try TemporaryFolder.make(prefix: "smtp"))
        defer { receiver.stop() }
        let target = MailTarget(url: try #require(receiver.smtpURL), from: "archive@example.org",
                                to: ["team@example.org", "clinic@example.org"])
        try CurlNotifier().send(NotificationMessage(Self.event, baseURL: "https://archive.example.org"),
                                to: .email(target), uniqueID: "rir-archive-event-42-delivery-1",
                                secondsSinceEpoch: 1_796_140_237)
        #expect(receiver.waitFor { $0.mails.count == 1 })
        let mail = try #require(receiver.mails.first)
        #expect(mail.envelopeFrom == "archive@example.org")
        #expect(mail.envelopeTo == ["team@example.org", "clinic@example.org"])
        #expect(mail.from == "archive@example.org" && mail.to == "team@example.org, clinic@example.org")
        #expect(mail.subject == "Révision 3: MEX201601.EF — Mexique : les cartels et leurs « méthodes »")
        #expect(mail.messageID == "<rir-archive-event-42-delivery-1@example.org>")
        #expect(mail.date == "Tue, 01 Dec 2026 15:50:37 +0000")
        #expect(mail.contentType == "text/plain; charset=utf-8")
        #expect(mail.body.contains("MEX201601.EF a une nouvelle révision 3 (comparée à la révision 2)."))
        #expect(mail.body.contains("Sections : 2 modifiées, 1 ajoutée"))
        #expect(mail.body.contains("https://archive.example.org/reports/MEX201601.EF/diff?from=2&to=3"))
    }

    @Test(.enabled(if: NotificationReceiver.hasAiosmtpd, "needs aiosmtpd: pip install aiosmtpd"))
    func aMailToAServerThatIsNotListeningIsATransportErrorNamingTheChannel() throws {
        let closed = try ClosedLoopbackPort()
        defer { closed.release() }
        let target = MailTarget(url: "smtp://127.0.0.1:\(closed.port)", from: "a@example.org", to: ["b@example.org"])
        #expect {
            try CurlNotifier(connectTimeout: 2, totalTimeout: 5).send(
                NotificationMessage(Self.event), to: .email(target), uniqueID: "x", secondsSinceEpoch: 0)
        } throws: { error in
            "\(error)".hasPrefix("cannot deliver to email:smtp://127.0.0.1:\(closed.port): ")
        }
    }

    @Test func aWebhookGetsSignedJSONThatThePythonReceiverVerifies() throws {
        let receiver = try NotificationReceiver(folder: try TemporaryFolder.make(prefix: "hook"), secret: "s3cret",
                                                smtp: false)
        defer { receiver.stop() }
        let target = WebhookTarget(url: receiver.webhookURL, secret: Array("s3cret".utf8))
        try CurlNotifier().send(NotificationMessage(Self.event), to: .webhook(target),
                                uniqueID: "rir-archive-event-42-delivery-2", secondsSinceEpoch: 0)
        let hook = try #require(receiver.webhooks.first)
        #expect(hook.signatureValid, "X-RIR-Signature: \(hook.headers["x-rir-signature"] ?? "none")")
        #expect(hook.headers["content-type"] == "application/json")
        #expect(hook.headers["x-rir-event"] == "new-revision")
        #expect(hook.headers["x-rir-delivery"] == "rir-archive-event-42-delivery-2")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(hook.body.utf8)) as? [String: Any])
        #expect(json["id"] as? Int == 42 && json["event"] as? String == "new-revision")
        #expect(json["report_id"] as? String == "MEX201601.EF" && json["language"] as? String == "fr")
        let payload = try #require(json["payload"] as? [String: Any])
        #expect(payload["diff_summary"] as? String == "2 modifiées, 1 ajoutée" && payload["revision"] as? Int == 3)
        // `signatureValid` is the receiver's own check: Python's hmac over the exact bytes received.
    }

    @Test func aWebhookWithoutASecretIsNotSignedAndA500IsAnError() throws {
        let receiver = try NotificationReceiver(folder: try TemporaryFolder.make(prefix: "hook"), failFirst: -1,
                                                smtp: false)
        defer { receiver.stop() }
        let target = WebhookTarget(url: receiver.webhookURL)
        #expect(throws: NotifyError.rejectedByReceiver(channel: "webhook:\(receiver.webhookURL)", status: 500)) {
            try CurlNotifier().send(NotificationMessage(Self.event), to: .webhook(target), uniqueID: "x",
                                    secondsSinceEpoch: 0)
        }
        #expect(receiver.webhooks.first?.headers["x-rir-signature"] == nil)
    }
}
