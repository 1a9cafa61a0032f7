import AssetSupport
import Testing

/// `String(validUTF8:)`, which stands in for macOS 15's `String(validating:as:)`.
@Suite struct UTF8ValidationTests {
    @Test func validTextComesBackWhole() {
        for text in ["", "plain", "café ✓ 🏮", "\u{FFFD} is itself valid"] {
            #expect(String(validUTF8: Array(text.utf8)) == text)
            #expect(String(validUTF8: Array(text.utf8)[...]) == text, "a slice")
        }
    }

    @Test func invalidSequencesAreRefused() {
        let invalid: [[UInt8]] = [
            [0xFF],  // never a UTF-8 byte
            [0x61, 0xC3],  // truncated two-byte sequence
            [0xC0, 0x80],  // overlong NUL
            [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0x80, 0x61],  // a lone continuation byte
        ]
        for bytes in invalid { #expect(String(validUTF8: bytes) == nil, "\(bytes)") }
    }
}
