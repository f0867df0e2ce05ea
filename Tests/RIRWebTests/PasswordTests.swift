import RIRConfig
import RIRWeb
import Testing

@Suite struct PasswordTests {
    @Test func aHashVerifiesItsPasswordOnlyAndIsAcceptedByTheConfiguration() throws {
        let hash = WebPassword.hash("s3cret pass", cost: 4)
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(hash.count == 60)
        #expect(WebPassword.verify("s3cret pass", hash: hash))
        #expect(!WebPassword.verify("s3cret pas", hash: hash))
        let config = try ArchiveConfig.parse(yaml: "web:\n  users:\n    - name: a\n      bcrypt_hash: \"\(hash)\"\n")
        #expect(config.web.users.first?.bcryptHash == hash)
    }
}
