import RIRFetch
import RIRTestSupport

/// Settings for tests: short timeouts, tiny backoff, no politeness delay unless asked.
func testSettings(retries: Int = 3, totalTimeout: Double = 5, maxBodyBytes: Int = 16 * 1024 * 1024,
                  minHostDelay: Double = 0, allowedHosts: Set<String> = []) -> FetchSettings {
    FetchSettings(contactURL: "https://example.org/contact", connectTimeout: 2, totalTimeout: totalTimeout,
                  maxBodyBytes: maxBodyBytes, retries: retries, minHostDelay: minHostDelay,
                  allowedHosts: allowedHosts, retryBaseDelay: 0.01)
}

func page(_ text: String) -> [UInt8] { Array(text.utf8) }
