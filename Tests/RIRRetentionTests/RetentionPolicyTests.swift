import Testing
import RIRModel
import RIRRetention
import RIRTestSupport

@Suite struct RetentionPolicyTests {
    let policy = RetentionPolicy.standard

    @Test func standardPolicyIsSevenYearsNinetyDaysTenPercent() throws {
        #expect(policy.years == 7)
        #expect(policy.warnDays == 90)
        #expect(policy.maxPurgeFraction == 0.10)
        #expect(try RetentionPolicy() == policy)
    }

    @Test func expiryIsPublicationPlusSevenCalendarYears() {
        #expect(policy.expiry(ofPublished: day("2016-09-01")) == day("2023-09-01"))
    }

    @Test func reportIsExpiredOnItsExpiryDate() {
        #expect(policy.status(published: day("2016-09-01"), asOf: day("2023-09-01")) == .expired)
        #expect(policy.daysLeft(published: day("2016-09-01"), asOf: day("2023-09-01")) == 0)
    }

    @Test func reportIsExpiringWithOneDayLeftTheDayBefore() {
        #expect(policy.status(published: day("2016-09-01"), asOf: day("2023-08-31")) == .expiring)
        #expect(policy.daysLeft(published: day("2016-09-01"), asOf: day("2023-08-31")) == 1)
    }

    @Test func daysLeftIsNegativeAfterExpiry() {
        #expect(policy.daysLeft(published: day("2016-09-01"), asOf: day("2023-09-11")) == -10)
        #expect(policy.status(published: day("2016-09-01"), asOf: day("2030-01-01")) == .expired)
    }

    @Test func twentyNinthOfFebruaryExpiresOnTwentyEighth() {
        #expect(policy.expiry(ofPublished: day("2024-02-29")) == day("2031-02-28"))
        #expect(policy.status(published: day("2024-02-29"), asOf: day("2031-02-28")) == .expired)
        #expect(policy.status(published: day("2024-02-29"), asOf: day("2031-02-27")) == .expiring)
    }

    @Test func twentyNinthOfFebruaryStaysWhenTheExpiryYearIsLeap() throws {
        let four = try RetentionPolicy(years: 4)
        #expect(four.expiry(ofPublished: day("2024-02-29")) == day("2028-02-29"))
    }

    @Test func warningWindowIncludesExactlyWarnDays() {
        // Expiry 2023-09-01; 90 days before is 2023-06-03.
        #expect(policy.daysLeft(published: day("2016-09-01"), asOf: day("2023-06-03")) == 90)
        #expect(policy.status(published: day("2016-09-01"), asOf: day("2023-06-03")) == .expiring)
    }

    @Test func oneDayBeforeTheWarningWindowIsActive() {
        #expect(policy.daysLeft(published: day("2016-09-01"), asOf: day("2023-06-02")) == 91)
        #expect(policy.status(published: day("2016-09-01"), asOf: day("2023-06-02")) == .active)
    }

    @Test func zeroWarnDaysNeverWarns() throws {
        let silent = try RetentionPolicy(warnDays: 0)
        #expect(silent.status(published: day("2016-09-01"), asOf: day("2023-08-31")) == .active)
        #expect(silent.status(published: day("2016-09-01"), asOf: day("2023-09-01")) == .expired)
    }

    @Test func yearsBelowOneAreRejectedWithTheValue() {
        #expect(throws: RetentionError.invalidYears(0)) { try RetentionPolicy(years: 0) }
        let message = RetentionError.invalidYears(0).description
        #expect(message.hasPrefix("invalid retention policy: retention.years is 0, must be at least 1"))
        #expect(message.contains("\nhint: "))
    }

    @Test func negativeWarnDaysAreRejected() {
        #expect(throws: RetentionError.invalidWarnDays(-1)) { try RetentionPolicy(warnDays: -1) }
        #expect(RetentionError.invalidWarnDays(-1).description
            .hasPrefix("invalid retention policy: retention.warn_days is -1, must be 0 or more"))
    }

    @Test(arguments: [0.0, -0.1, 1.01, Double.nan, Double.infinity])
    func purgeFractionOutsideZeroToOneIsRejected(fraction: Double) {
        #expect(throws: RetentionError.self) { try RetentionPolicy(maxPurgeFraction: fraction) }
    }

    @Test func purgeFractionMessageNamesTheSettingAndRange() {
        let message = RetentionError.invalidPurgeFraction(1.5).description
        #expect(message.hasPrefix(
            "invalid retention policy: retention.max_purge_fraction is 1.5, must be above 0 and at most 1"))
    }

    @Test func purgeFractionOfExactlyOneIsAllowed() throws {
        #expect(try RetentionPolicy(maxPurgeFraction: 1).maxPurgeFraction == 1)
    }

    @Test func standingCombinesStatusExpiryAndHolds() {
        let standing = policy.standing(of: rir("MEX201601.E"), published: day("2016-09-01"), holds: 2,
                                       asOf: day("2023-09-02"))
        #expect(standing.expires == day("2023-09-01"))
        #expect(standing.daysLeft == -1)
        #expect(standing.status == .expired)
        #expect(standing.held)
        #expect(!standing.purgeable)
    }

    @Test func captureOfExpiredReportIsRejectedUnlessHeld() throws {
        let reason = try #require(policy.captureRejection(of: rir("MEX201601.E"), published: day("2016-09-01"),
                                                          held: false, asOf: day("2023-09-01")))
        #expect(reason.hasPrefix("expired: MEX201601.E was published on 2016-09-01 and left the 7-year window on 2023-09-01"))
        #expect(policy.captureRejection(of: rir("MEX201601.E"), published: day("2016-09-01"),
                                        held: true, asOf: day("2023-09-01")) == nil)
        #expect(policy.captureRejection(of: rir("MEX201601.E"), published: day("2016-09-01"),
                                        held: false, asOf: day("2023-08-31")) == nil)
    }
}
