extension String {
    /// The text of `bytes` if they are valid UTF-8, else nil. `String(validating:as:)` does the same but
    /// needs macOS 15; this works wherever the package builds. Decoding replaces each invalid sequence with
    /// U+FFFD, whose own (valid) encoding never equals an invalid one, so the bytes survive unchanged
    /// exactly when they were valid.
    package init?(validUTF8 bytes: some Collection<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.count == bytes.count, text.utf8.elementsEqual(bytes) else { return nil }
        self = text
    }
}
