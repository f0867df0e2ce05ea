import Testing
@testable import RIRConfig

@Suite struct ConfigErrorTests {
    @Test func anUnknownKeyIsAnErrorNamingItsPathAndLine() throws {
        let path = try temporaryFile("""
        database: a.db
        retention:
          years: 7
          warn_dayz: 90
        """)
        #expect(throws: ConfigError.unknownKey(origin: path, line: 4, key: "retention.warn_dayz",
                                               suggestion: "retention.warn_days")) {
            try ArchiveConfig.load(path: path)
        }
        let error = try #require(throws: ConfigError.self) { try ArchiveConfig.load(path: path) }
        #expect(error.description == "\(path):4: retention.warn_dayz: unknown key\nhint: did you mean retention.warn_days?")
    }

    @Test func anUnknownTopLevelKeyIsAnError() {
        #expect(throws: ConfigError.unknownKey(origin: "config", line: 1, key: "colour", suggestion: nil)) {
            try ArchiveConfig.parse(yaml: "colour: blue\n")
        }
    }

    @Test func anUnknownKeyInASourceIsAnError() {
        let yaml = "fetch:\n  sources:\n    - url: https://irb.gc.ca/x\n      intervall: 1d\n"
        #expect(throws: ConfigError.unknownKey(origin: "config", line: 4, key: "fetch.sources[0].intervall",
                                               suggestion: "fetch.sources[0].interval")) {
            try ArchiveConfig.parse(yaml: yaml)
        }
    }

    @Test func aBadValueNamesTheKeyTheLineAndWhatWasFound() throws {
        let yaml = "# comment\n\nretention:\n  warn_days: ninety\n"
        let error = try #require(throws: ConfigError.self) {
            try ArchiveConfig.parse(yaml: yaml, origin: "config/rir-archive.yaml")
        }
        #expect(error.description
                == "config/rir-archive.yaml:4: retention.warn_days: must be a whole number ≥ 0, got \"ninety\"")
    }

    @Test(arguments: [
        ("retention:\n  max_purge_fraction: 1.5\n", "retention.max_purge_fraction"),
        ("retention:\n  sweep_interval: 0s\n", "retention.sweep_interval"),
        ("retention:\n  years: 0\n", "retention.years"),
        ("log:\n  level: loud\n", "log.level"),
        ("inbox:\n", "inbox"),
        ("inbox: [a, b]\n", "inbox"),
        ("retention: 7\n", "retention"),
        ("fetch:\n  contact_url: mailto:me\n", "fetch.contact_url"),
        ("fetch:\n  sources:\n    - url: http://irb.gc.ca/x\n", "fetch.sources[0].url"),
        ("fetch:\n  sources:\n    - interval: 1d\n", "fetch.sources[0].url"),
        ("fetch:\n  sources:\n    - url: https://a.example/\n      link_pattern: x\n", "fetch.sources[0].link_pattern"),
        ("fetch:\n  sources:\n    - url: https://a.example/\n      listing: true\n", "fetch.sources[0].link_pattern"),
        ("fetch:\n  sources:\n    - url: https://a.example/\n      listing: true\n      link_pattern: '(('\n",
         "fetch.sources[0].link_pattern"),
        ("fetch:\n  allowed_hosts: [b.example]\n  sources:\n    - url: https://a.example/\n", "fetch.sources[0].url"),
    ])
    func invalidValuesAreRejectedWithTheirKey(yaml: String, key: String) throws {
        let error = try #require(throws: ConfigError.self) { try ArchiveConfig.parse(yaml: yaml) }
        guard case .invalidValue(_, let line, let errorKey, _) = error else {
            Issue.record("expected an invalid value, got \(error)")
            return
        }
        #expect(errorKey == key)
        #expect(line != nil)
    }

    @Test(arguments: ["http://127.0.0.1:8080/rir/MEX201601.html", "http://localhost/rir", "http://[::1]:81/rir"])
    func aLoopbackHTTPSourceIsAllowedAsFetchURLAllowsIt(url: String) throws {
        let config = try ArchiveConfig.parse(yaml: "fetch:\n  sources:\n    - url: \(url)\n")
        #expect(config.fetch.sources.map(\.url) == [url])
        #expect(config.fetch.sources[0].allowHTTP == false)
    }

    @Test func malformedYAMLIsASyntaxErrorWithALine() throws {
        let error = try #require(throws: ConfigError.self) {
            try ArchiveConfig.parse(yaml: "database: a\n  inbox: [unclosed\n", origin: "x.yaml")
        }
        guard case .syntax(let path, let line, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(path == "x.yaml")
        #expect(line != nil)
    }

    @Test func aKeyGivenTwiceIsASyntaxErrorWithALine() throws {
        let error = try #require(throws: ConfigError.self) { try ArchiveConfig.parse(yaml: "database: a\ndatabase: b\n") }
        guard case .syntax(_, let line, let problem) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(line == 1)
        #expect(problem.contains("database"))
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: ConfigError.unreadable(path: "/nonexistent/rir.yaml", reason: "No such file or directory")) {
            try ArchiveConfig.load(path: "/nonexistent/rir.yaml")
        }
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        #expect(try ArchiveConfig.parse(yaml: "") == .defaults)
        #expect(try ArchiveConfig.parse(yaml: "# only comments\n") == .defaults)
    }
}
