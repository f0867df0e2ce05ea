import RIRModel
@testable import RIRNotify
import Testing

@Suite struct MailMessageTests {
    static let event = NotificationEvent(
        id: 7, kind: .newRevision, reportID: "MEX201601.EF", at: "2026-12-01T15:50:37Z",
        payload: NotificationPayload(title: "Mexique : information sur les cartels", language: "fr", revision: 2,
                                     previousRevision: 1, diffSummary: "1 modifiée, 12 inchangées",
                                     source: "https://irb.example/doc=1"))

    @Test func datesFollowRFC5322InUTC() {
        #expect(MailMessage.date(1_796_140_237) == "Tue, 01 Dec 2026 15:50:37 +0000")
        #expect(MailMessage.date(0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailMessage.date(951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }

    @Test func aNonASCIISubjectIsEncodedWordsAndABodyQuotedPrintable() throws {
        let message = NotificationMessage(Self.event, baseURL: "https://archive.example.org")
        let mail = MailMessage(message, from: "archive@example.org", to: ["a@example.org", "b@example.org"],
                               secondsSinceEpoch: 1_796_140_237, uniqueID: "rir-archive-event-7-delivery-3")
        let text = String(decoding: mail.bytes, as: UTF8.self)
        let blank = try #require(text.range(of: "\r\n\r\n"))
        let (head, body) = (String(text[..<blank.lowerBound]), String(text[blank.upperBound...]))
        #expect(head.contains("Date: Tue, 01 Dec 2026 15:50:37 +0000\r\n"))
        #expect(head.contains("Message-ID: <rir-archive-event-7-delivery-3@example.org>\r\n"))
        #expect(head.contains("To: a@example.org, b@example.org\r\n"))
        #expect(head.contains("Subject: =?UTF-8?B?"))
        #expect(head.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        // Every byte of the message is ASCII and every line is within RFC 5322's 78 characters.
        #expect(mail.bytes.allSatisfy { $0 < 0x80 })
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(body.contains("nouvelle r=C3=A9vision 2"), "\(body)")
        // `=` is encoded too (=3D); a mail reader shows the link as it was.
        #expect(body.contains("https://archive.example.org/reports/MEX201601.EF/diff?from=3D1&to=3D2"), "\(body)")
        #expect(text.hasSuffix("\r\n") && !text.contains("\n\n") && !text.replacing("\r\n", with: "").contains("\n"))
    }

    @Test func quotedPrintableKeepsTrailingBlanksAndBreaksLongLines() {
        #expect(MailMessage.quotedPrintable(Array("a = b ".utf8)) == ["a =3D b=20"])
        let long = MailMessage.quotedPrintable(Array(String(repeating: "é", count: 40).utf8))
        // 80 bytes, each encoded as =XX: 240 characters over four lines of at most 76, soft breaks ending in =.
        #expect(long.count == 4 && long.dropLast().allSatisfy { $0.hasSuffix("=") } && long.allSatisfy { $0.count <= 76 })
        #expect(long.joined().count == 240 + 3)
    }

    @Test func anASCIIBodyGoesAs7bitWhileASubjectWithADashIsEncoded() {
        var event = Self.event
        event.payload = NotificationPayload(title: "Mexico: cartels", language: "en", revision: 1)
        event.kind = .newReport
        let mail = MailMessage(NotificationMessage(event), from: "a@b.org", to: ["c@d.org"], secondsSinceEpoch: 0,
                               uniqueID: "x")
        let text = String(decoding: mail.bytes, as: UTF8.self)
        #expect(text.contains("Subject: =?UTF-8?B?"), "the em dash of the subject is not ASCII")
        #expect(text.contains("Content-Transfer-Encoding: 7bit\r\n\r\nMEX201601.EF is in the archive for the first time.\r\n"))
    }

    @Test func messagesAreWordedInTheReportsLanguage() {
        let french = NotificationMessage(Self.event)
        #expect(french.subject == "Révision 2: MEX201601.EF — Mexique : information sur les cartels")
        #expect(french.text.contains("Sections : 1 modifiée, 12 inchangées"))
        #expect(french.link == nil, "no base URL, no link")
        var english = Self.event
        english.payload.language = "en"
        english.payload.diffSummary = "1 modified"
        #expect(NotificationMessage(english).text.contains("MEX201601.EF has a new revision 2 (compared with revision 1)."))
    }
}
