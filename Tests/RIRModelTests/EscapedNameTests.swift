import RIRModel
import Testing

/// Names are shown with their control characters escaped, never raw.
@Suite struct EscapedNameTests {
    @Test(arguments: [
        ("MEX201601.E.txt", "MEX201601.E.txt"),
        ("a\nb", "a\\nb"),
        ("a\rb", "a\\rb"),
        ("a\tb", "a\\tb"),
        ("\u{1B}[31mred\u{1B}[0m", "\\x1b[31mred\\x1b[0m"),
        ("del\u{7F}", "del\\x7f"),
        ("c1\u{9B}", "c1\\xc2\\x9b"),
        ("back\\slash", "back\\\\slash"),
        ("Mexique é ü", "Mexique é ü"),
    ])
    func controlCharactersAreEscaped(name: String, shown: String) {
        #expect(EscapedName.escape(name) == shown)
        #expect(EscapedName.escape(bytes: Array(name.utf8)) == shown)
    }

    @Test func bytesThatAreNotUTF8AreShownAsHex() {
        #expect(EscapedName.escape(bytes: [0x66, 0xFF, 0x6F, 0xC3]) == "f\\xffo\\xc3")
        #expect(EscapedName.escape(bytes: [0xC3, 0xA9, 0xED, 0xA0, 0x80]) == "é\\xed\\xa0\\x80")
    }

    @Test func aPlainNameNeedsNoEscape() {
        #expect(EscapedName.isPlain("MEX201601.E.txt"))
        #expect(!EscapedName.isPlain("a\nb"))
    }
}
