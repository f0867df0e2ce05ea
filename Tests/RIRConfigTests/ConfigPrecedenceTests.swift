import Testing
@testable import RIRConfig

@Suite struct ConfigPrecedenceTests {
    @Test func aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws {
        let path = try temporaryFile("database: file.db\ninbox: file-inbox\nlog:\n  level: warning\n")
        let environment = ["RIR_ARCHIVE_DATABASE": "env.db", "RIR_ARCHIVE_INBOX": "env-inbox"]
        let overrides = ConfigOverrides(database: "flag.db")
        let config = try ArchiveConfig.resolve(file: path, environment: environment, overrides: overrides)
        #expect(config.database == "flag.db")
        #expect(config.inbox == "env-inbox")
        #expect(config.log.level == .warning)
        #expect(config.retention.years == 7)
    }

    @Test func everyScalarKeyHasAnEnvironmentVariable() throws {
        let environment = [
            "RIR_ARCHIVE_RETENTION_WARN_DAYS": "30",
            "RIR_ARCHIVE_RETENTION_SWEEP_INTERVAL": "6h",
            "RIR_ARCHIVE_LOG_LEVEL": "debug",
            "RIR_ARCHIVE_FETCH_ALLOWED_HOSTS": "irb.gc.ca, irb-cisr.gc.ca",
            "RIR_ARCHIVE_INBOX": "",
        ]
        let config = try ArchiveConfig.resolve(file: nil, environment: environment)
        #expect(config.retention.warnDays == 30)
        #expect(config.retention.sweepInterval == .hours(6))
        #expect(config.log.level == .debug)
        #expect(config.fetch.allowedHosts == ["irb.gc.ca", "irb-cisr.gc.ca"])
        #expect(config.inbox == "inbox")
        #expect(ArchiveConfig.environmentVariables.contains("RIR_ARCHIVE_FETCH_MAX_BODY_BYTES"))
    }

    @Test func aBadEnvironmentValueNamesTheVariable() {
        #expect(throws: ConfigError.invalidValue(origin: "environment RIR_ARCHIVE_RETENTION_YEARS", line: nil,
                                                 key: "retention.years",
                                                 problem: "must be a whole number ≥ 1, got \"seven\"")) {
            try ArchiveConfig.resolve(file: nil, environment: ["RIR_ARCHIVE_RETENTION_YEARS": "seven"])
        }
    }

    @Test func aBadFlagNamesTheFlag() throws {
        let error = try #require(throws: ConfigError.self) {
            try ArchiveConfig.resolve(file: nil, environment: [:], overrides: ConfigOverrides(database: ""))
        }
        #expect(error.description.hasPrefix("--database: database: "), "\(error)")
    }

    @Test func unknownEnvironmentVariablesAreListedForAWarning() {
        let environment = ["RIR_ARCHIVE_DATABSE": "x", "RIR_ARCHIVE_CONFIG": "y", "RIR_ARCHIVE_INBOX": "z",
                           "HOME": "/root"]
        #expect(ArchiveConfig.unknownEnvironmentVariables(in: environment) == ["RIR_ARCHIVE_DATABSE"])
    }
}

@Suite struct ConfigDurationTests {
    @Test(arguments: [("500ms", 500), ("2s", 2000), ("10m", 600_000), ("24h", 86_400_000),
                      ("7d", 604_800_000), ("1h30m", 5_400_000), (" 0s ", 0)] as [(String, Int64)])
    func durationsParse(text: String, milliseconds: Int64) {
        #expect(ConfigDuration(parsing: text)?.milliseconds == milliseconds)
    }

    @Test(arguments: ["", "2", "s", "2 s", "2sec", "-1s", "1.5h", "99999999999999999999d"])
    func malformedDurationsAreRejected(text: String) {
        #expect(ConfigDuration(parsing: text) == nil)
    }

    @Test func durationsRenderInTheirShortestForm() {
        #expect(ConfigDuration.hours(24).description == "1d")
        #expect(ConfigDuration(milliseconds: 5_400_500).description == "1h30m500ms")
        #expect(ConfigDuration(milliseconds: 0).description == "0s")
        #expect(ConfigDuration.seconds(2).nanoseconds == 2_000_000_000)
    }
}
