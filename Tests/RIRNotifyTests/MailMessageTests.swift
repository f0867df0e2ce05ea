import RIRModel
@testable import RIRNotify
import Testing

@Suite struct MailMessageTests {
    @Test func datesFollowRFC5322InUTC() {
        // 2026-12-01T15:50:37Z was a Tuesday.
        #expect(MailMessage.date(1_796_140_237) == "Tue, 01 Dec 2026 15:50:37 +0000")
        #expect(MailMessage.date(0) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }
}
