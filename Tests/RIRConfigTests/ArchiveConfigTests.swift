import Foundation
import Testing
import RIRTestSupport
@testable import RIRConfig

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "rir-archive.yaml") throws -> String {
    let path = try TemporaryFolder.make(prefix: "config") + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct ArchiveConfigTests {
    @Test func noFileGivesTheBuiltInDefaults() throws {
        let config = try ArchiveConfig.resolve(file: nil, environment: [:])
        #expect(config == ArchiveConfig.defaults)
        #expect(config.database == "rir-archive.db")
        #expect(config.inbox == "inbox")
        #expect(config.ingest.maxBytes == 16 * 1024 * 1024)
        #expect(config.retention.years == 7)
        #expect(config.retention.warnDays == 90)
        #expect(config.retention.maxPurgeFraction == 0.10)
        #expect(config.retention.sweepInterval == .hours(24))
        #expect(config.retention.exportDir == nil)
        #expect(config.reports.staleAfterDays == 1095)
        #expect(config.reports.unseenAfterDays == 60)
        #expect(config.fetch.userAgentHeader == "rir-archive/0.1.0")
        #expect(config.fetch.minHostDelay == .seconds(2))
        #expect(config.fetch.connectTimeout == .seconds(10))
        #expect(config.fetch.totalTimeout == .seconds(60))
        #expect(config.fetch.retries == 3)
        #expect(config.fetch.sources.isEmpty)
        #expect(config.log.level == .info)
    }

    @Test func theShippedConfigLoadsAndEqualsTheDefaults() throws {
        let path = repositoryRoot.appendingPathComponent("config/rir-archive.yaml").path
        let config = try ArchiveConfig.load(path: path)
        #expect(config == ArchiveConfig.defaults)
    }

    @Test func aFullFileSetsEveryKey() throws {
        let yaml = """
        database: /var/lib/rir-archive/archive.db
        inbox: /srv/inbox
        ingest:
          max_bytes: 1_000_000
        retention:
          years: 10
          warn_days: 30
          max_purge_fraction: 0.25
          sweep_interval: 12h
          export_dir: /srv/export
        reports:
          stale_after_days: 700
          unseen_after_days: 14
        fetch:
          user_agent: archive-bot/2
          contact_url: https://clinic.example/contact
          min_host_delay: 500ms
          connect_timeout: 5s
          total_timeout: 2m
          max_body_bytes: 4096
          retries: 0
          allowed_hosts: [irb.gc.ca, irb-cisr.gc.ca]
          sources:
            - url: https://irb.gc.ca/en/rir/page?doc=1
              interval: 7d
            - url: https://irb-cisr.gc.ca/en/rir/index
              listing: true
              link_pattern: 'doc=\\d+'
        log:
          level: debug
        """
        let config = try ArchiveConfig.parse(yaml: yaml)
        #expect(config.database == "/var/lib/rir-archive/archive.db")
        #expect(config.inbox == "/srv/inbox")
        #expect(config.ingest.maxBytes == 1_000_000)
        #expect(config.retention == .init(years: 10, warnDays: 30, maxPurgeFraction: 0.25,
                                          sweepInterval: .hours(12), exportDir: "/srv/export"))
        #expect(config.reports == .init(staleAfterDays: 700, unseenAfterDays: 14))
        #expect(config.fetch.userAgentHeader == "archive-bot/2 (+https://clinic.example/contact)")
        #expect(config.fetch.minHostDelay == ConfigDuration(milliseconds: 500))
        #expect(config.fetch.connectTimeout == .seconds(5))
        #expect(config.fetch.totalTimeout == .minutes(2))
        #expect(config.fetch.maxBodyBytes == 4096)
        #expect(config.fetch.retries == 0)
        #expect(config.fetch.allowedHosts == ["irb.gc.ca", "irb-cisr.gc.ca"])
        #expect(config.fetch.sources == [
            FetchSource(url: "https://irb.gc.ca/en/rir/page?doc=1", interval: .days(7)),
            FetchSource(url: "https://irb-cisr.gc.ca/en/rir/index", listing: true, linkPattern: "doc=\\d+"),
        ])
        #expect(config.log.level == .debug)
    }

    @Test func theEffectiveYAMLParsesBackToTheSameConfig() throws {
        var config = ArchiveConfig.defaults
        config.retention.exportDir = "/srv/export \"quoted\""
        config.fetch.sources = [FetchSource(url: "http://mirror.example/rir", interval: .minutes(90),
                                            allowHTTP: true)]
        config.fetch.contactURL = "https://clinic.example"
        let yaml = config.effectiveYAML
        #expect(yaml.contains("sweep_interval: \"1d\""))
        #expect(yaml.contains("allowed_hosts: ~  # the hosts of the sources: mirror.example"))
        #expect(try ArchiveConfig.parse(yaml: yaml) == config)
        #expect(try ArchiveConfig.parse(yaml: ArchiveConfig.defaults.effectiveYAML) == .defaults)
    }

    @Test func allowedHostsDefaultToTheHostsOfTheSources() {
        let fetch = ArchiveConfig.Fetch(sources: [
            FetchSource(url: "https://IRB.gc.ca:443/a"), FetchSource(url: "https://irb.gc.ca/b"),
            FetchSource(url: "https://user@other.example/c?x"),
        ])
        #expect(fetch.effectiveAllowedHosts == ["irb.gc.ca", "other.example"])
    }
}
