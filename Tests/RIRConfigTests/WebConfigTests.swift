import Testing
@testable import RIRConfig

@Suite struct WebConfigTests {
    let hash = "$2b$12$" + String(repeating: "a", count: 53)

    @Test func theWebInterfaceListensOnLoopbackWithoutUsersByDefault() {
        let web = ArchiveConfig.defaults.web
        #expect(web.listen == "127.0.0.1:8080")
        #expect(web.baseURL == nil)
        #expect(web.users.isEmpty)
    }

    @Test func theWebSectionSetsListenBaseURLAndUsers() throws {
        let yaml = """
        web:
          listen: "[::1]:9000"
          base_url: https://archive.example/rir/
          users:
            - name: archivist
              bcrypt_hash: "\(hash)"
        """
        let web = try ArchiveConfig.parse(yaml: yaml).web
        #expect(web.listen == "[::1]:9000")
        #expect(web.baseURL == "https://archive.example/rir")
        #expect(web.users == [WebUser(name: "archivist", bcryptHash: hash)])
    }

    @Test func theEnvironmentSetsTheListenAddress() throws {
        let config = try ArchiveConfig.resolve(file: nil, environment: ["RIR_ARCHIVE_WEB_LISTEN": "0.0.0.0:80"])
        #expect(config.web.listen == "0.0.0.0:80")
    }

    @Test func usersSurviveTheEffectiveYAML() throws {
        var config = ArchiveConfig.defaults
        config.web = .init(listen: "127.0.0.1:0", baseURL: "https://a.example",
                           users: [WebUser(name: "a \"b\"", bcryptHash: hash)])
        #expect(try ArchiveConfig.parse(yaml: config.effectiveYAML) == config)
    }

    @Test(arguments: [
        ("web:\n  listen: localhost\n", "web.listen", "must be HOST:PORT such as 127.0.0.1:8080, got \"localhost\""),
        ("web:\n  listen: 127.0.0.1:99999\n", "web.listen", "must be HOST:PORT such as 127.0.0.1:8080, got \"127.0.0.1:99999\""),
        ("web:\n  base_url: ftp://x\n", "web.base_url", "must be an https or http URL, got \"ftp://x\""),
        ("web:\n  users:\n    - name: a\n      bcrypt_hash: secret\n", "web.users[0].bcrypt_hash",
         "must be a bcrypt hash ($2b$12$… , 60 characters; make one with rir-archive web hash-password), got \"secret\""),
        ("web:\n  users:\n    - bcrypt_hash: x\n", "web.users[0].name", "is required: a user name without ':'"),
        ("web:\n  users: admin\n", "web.users", "must be a list of users, each with name: and bcrypt_hash:"),
    ])
    func aBadWebValueNamesTheKeyAndTheCause(yaml: String, key: String, problem: String) throws {
        let error = try #require(throws: ConfigError.self) { try ArchiveConfig.parse(yaml: yaml) }
        guard case .invalidValue(_, _, let found, let message) = error else {
            Issue.record("expected an invalid value, got \(error)")
            return
        }
        #expect(found == key)
        #expect(message == problem)
    }

    @Test func anUnknownUserKeyIsAnErrorWithASuggestion() {
        let yaml = "web:\n  users:\n    - name: a\n      bcrypt_hsh: x\n"
        #expect(throws: ConfigError.unknownKey(origin: "config", line: 4, key: "web.users[0].bcrypt_hsh",
                                               suggestion: "web.users[0].bcrypt_hash")) {
            try ArchiveConfig.parse(yaml: yaml)
        }
    }
}
