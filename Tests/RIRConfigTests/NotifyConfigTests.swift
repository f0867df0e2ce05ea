import Testing
@testable import RIRConfig
import RIRModel

@Suite struct NotifyConfigTests {
    static let full = """
    notify:
      base_url: "https://archive.example.org"
      max_attempts: 5
      retry_delay: 30s
      interval: 2s
      webhooks:
        - url: "https://hooks.example.org/rir"
          secret_file: /etc/rir-archive/hook.key
          events: [new-revision, gone]
        - url: "http://127.0.0.1:9000/hook"
          events: ~
      email:
        url: "smtp://mail.example.org:587"
        from: archive@example.org
        to: [team@example.org, clinic@example.org]
        credentials_file: /etc/rir-archive/smtp.credentials
        events: [expiring, sweep, rejected]

    """

    @Test func theIssuesExampleReadsIntoTheNotifySection() throws {
        let notify = try ArchiveConfig.parse(yaml: Self.full).notify
        #expect(notify.baseURL == "https://archive.example.org" && notify.maxAttempts == 5)
        #expect(notify.retryDelay == .seconds(30) && notify.interval == .seconds(2))
        #expect(notify.webhooks == [
            ArchiveConfig.Webhook(url: "https://hooks.example.org/rir", secretFile: "/etc/rir-archive/hook.key",
                                  events: [.newRevision, .gone]),
            ArchiveConfig.Webhook(url: "http://127.0.0.1:9000/hook"),
        ])
        #expect(notify.email == ArchiveConfig.Email(url: "smtp://mail.example.org:587", from: "archive@example.org",
                                                    to: ["team@example.org", "clinic@example.org"],
                                                    credentialsFile: "/etc/rir-archive/smtp.credentials",
                                                    events: [.expiring, .sweep, .rejected]))
        #expect(notify.hasChannels)
    }

    @Test func theDefaultsSendNothingAndRetryEightTimes() {
        let notify = ArchiveConfig.defaults.notify
        #expect(!notify.hasChannels && notify.maxAttempts == 8 && notify.baseURL == nil)
        #expect(notify.retryDelay == .minutes(1) && notify.interval == .seconds(10))
    }

    @Test func theEffectiveYAMLReadsBackIntoTheSameConfiguration() throws {
        let config = try ArchiveConfig.parse(yaml: Self.full)
        let yaml = config.effectiveYAML
        #expect(yaml.contains("notify:\n  base_url: \"https://archive.example.org\"\n"))
        #expect(yaml.contains("  email:\n    url: \"smtp://mail.example.org:587\"\n"))
        #expect(try ArchiveConfig.parse(yaml: yaml) == config)
        #expect(try ArchiveConfig.parse(yaml: ArchiveConfig.defaults.effectiveYAML) == .defaults)
    }

    @Test func theEnvironmentOverridesTheMailServerAndTheChecksAcrossKeysStillApply() throws {
        let path = try temporaryFile(Self.full)
        let config = try ArchiveConfig.resolve(file: path, environment: [
            "RIR_ARCHIVE_NOTIFY_EMAIL_URL": "smtps://relay.example.org:465",
        ])
        #expect(config.notify.email.url == "smtps://relay.example.org:465")
        #expect(throws: ConfigError.invalidValue(origin: "configuration", line: nil, key: "notify.email.to",
                                                 problem: "must list at least one address when notify.email.url is set")) {
            try ArchiveConfig.resolve(file: nil, environment: [
                "RIR_ARCHIVE_NOTIFY_EMAIL_URL": "smtps://mail.example.org:465",
                "RIR_ARCHIVE_NOTIFY_EMAIL_FROM": "archive@example.org",
            ])
        }
    }

    @Test(arguments: [
        ("notify:\n  webhooks:\n    - url: http://hooks.example.org/rir\n", 3, "notify.webhooks[0].url",
         "must be an https URL (http only to a loopback host), got \"http://hooks.example.org/rir\""),
        ("notify:\n  webhooks:\n    - secret_file: /k\n", 3, "notify.webhooks[0].url", "is required"),
        ("notify:\n  webhooks:\n    - url: https://h.example/\n      events: [new-revision, changed]\n", 4,
         "notify.webhooks[0].events[1]",
         "must be one of new-report, new-revision, gone, expiring, sweep, rejected, got \"changed\""),
        ("notify:\n  email:\n    url: http://mail.example.org\n", 3, "notify.email.url",
         "must be smtp://HOST:PORT (STARTTLS, plain only to a loopback host) or smtps://HOST:PORT, got \"http://mail.example.org\""),
        ("notify:\n  email:\n    url: smtp://me:secret@mail.example.org:587\n", 3, "notify.email.url",
         "must not hold credentials: put user:password in notify.email.credentials_file"),
        ("notify:\n  email:\n    url: smtp://mail.example.org:587\n    to: [a@example.org]\n", 3, "notify.email.from",
         "is required when notify.email.url is set"),
        // No `to:` line: the error points at the server's.
        ("notify:\n  email:\n    url: smtp://mail.example.org:587\n    from: a@example.org\n", 3, "notify.email.to",
         "must list at least one address when notify.email.url is set"),
        ("notify:\n  email:\n    from: a@example.org\n    to: [b@example.org]\n", nil, "notify.email.url",
         "is required when notify.email.from, to or credentials_file is set"),
        ("notify:\n  email:\n    url: smtp://m.example:25\n    from: a@example.org\n    to: [\"Team <t@example.org>\"]\n", 5,
         "notify.email.to[0]", "must be a mail address such as archive@example.org, got \"Team <t@example.org>\""),
        ("notify:\n  max_attempts: 0\n", 2, "notify.max_attempts", "must be a whole number ≥ 1, got \"0\""),
    ] as [(String, Int?, String, String)])
    func invalidNotifyValuesNameTheKeyAndLine(yaml: String, line: Int?, key: String, problem: String) throws {
        #expect(throws: ConfigError.invalidValue(origin: "config", line: line, key: key, problem: problem)) {
            try ArchiveConfig.parse(yaml: yaml)
        }
    }

    @Test func aMisspeltWebhookKeyIsUnknownWithASuggestion() {
        let yaml = "notify:\n  webhooks:\n    - url: https://h.example/\n      secrets_file: /k\n"
        #expect(throws: ConfigError.unknownKey(origin: "config", line: 4, key: "notify.webhooks[0].secrets_file",
                                               suggestion: "notify.webhooks[0].secret_file")) {
            try ArchiveConfig.parse(yaml: yaml)
        }
    }
}
