import RIRConfig
import Testing

/// The keys that bound a fetch and schedule backups.
@Suite struct ReliabilityConfigTests {
    @Test func theDefaultsBoundAURLToFiveMinutesAndMakeNoScheduledBackup() {
        let config = ArchiveConfig.defaults
        #expect(config.fetch.maxTimePerURL == .minutes(5))
        #expect(config.backup == .init(dir: nil, keep: 7, interval: .hours(24)))
    }

    @Test func theBackupAndFetchBoundKeysAreReadFromTheFileAndTheEnvironment() throws {
        let yaml = """
        fetch:
          max_time_per_url: 90s
        backup:
          dir: /srv/backups
          keep: 3
          interval: 6h
        """
        let config = try ArchiveConfig.parse(yaml: yaml)
        #expect(config.fetch.maxTimePerURL == .seconds(90))
        #expect(config.backup == .init(dir: "/srv/backups", keep: 3, interval: .hours(6)))
        let path = try temporaryFile(yaml)
        let overridden = try ArchiveConfig.resolve(file: path, environment: ["RIR_ARCHIVE_BACKUP_KEEP": "2"],
                                                   overrides: ConfigOverrides())
        #expect(overridden.backup.keep == 2)
    }

    @Test func theEffectiveYAMLCarriesTheNewKeysBack() throws {
        var config = ArchiveConfig.defaults
        config.fetch.maxTimePerURL = .seconds(45)
        config.backup = .init(dir: "/srv/backups", keep: 2, interval: .hours(12))
        let yaml = config.effectiveYAML
        #expect(yaml.contains("  max_time_per_url: \"45s\""))
        #expect(yaml.contains("backup:\n  dir: \"/srv/backups\"\n  keep: 2\n  interval: \"12h\""))
        #expect(try ArchiveConfig.parse(yaml: yaml) == config)
    }

    @Test(arguments: [
        ("backup:\n  keep: 0\n", "backup.keep"),
        ("backup:\n  interval: 0s\n", "backup.interval"),
        ("fetch:\n  max_time_per_url: soon\n", "fetch.max_time_per_url"),
    ])
    func badValuesNameTheirKey(yaml: String, key: String) {
        do {
            _ = try ArchiveConfig.parse(yaml: yaml)
            Issue.record("\(key) was accepted")
        } catch {
            #expect(error.description.contains(key))
        }
    }
}
