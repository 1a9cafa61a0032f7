import AssetSupport
import Foundation
import TestSupport
import Testing

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hash("abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash("").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func streamingMatchesInMemoryAcrossChunkBoundaries() throws {
        let folder = TemporaryDirectory()
        var bytes = Data(count: 3 * (1 << 20) + 17)
        for i in stride(from: 0, to: bytes.count, by: 4096) { bytes[i] = UInt8(i / 4096 & 0xff) }
        folder.write("big.bin", bytes)
        #expect(try SHA256.hash(fileAt: folder.url("big.bin")) == SHA256.hash(bytes))
    }

    /// FIPS 180-2's long vectors, fed in uneven pieces: the platform's digest (libcrypto or CommonCrypto)
    /// keeps its state across updates, whatever the piece sizes.
    @Test func streamingKnownVectors() {
        let twoBlocks = SHA256Hasher()
        for piece in ["abcdbcdecdefdefgefghfghighijhij", "kijkljklmklmnlmnomnopnopq"] { twoBlocks.update(piece) }
        #expect(twoBlocks.finalize().hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let millionA = SHA256Hasher()
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 999)
        for _ in 0..<1001 { millionA.update(chunk) }
        millionA.update(Data(repeating: UInt8(ascii: "a"), count: 1))
        #expect(millionA.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func missingFileThrowsWithPath() {
        #expect { try SHA256.hash(fileAt: "/nonexistent/x.png") } throws: { "\($0)".contains("/nonexistent/x.png") }
    }

    @Test func contentHashRejectsMalformedHex() {
        #expect(ContentHash(hex: "abc") == nil)
        #expect(ContentHash(hex: String(repeating: "G", count: 64)) == nil)
        #expect(ContentHash(hex: String(repeating: "a", count: 64)) != nil)
    }
}

@Suite struct ImageFormatTests {
    @Test func sniffsByBytesNotName() {
        #expect(ImageFormat.sniff(TestImages.png()) == .png)
        #expect(ImageFormat.sniff(TestImages.jpegHeader(width: 3, height: 2)) == .jpeg)
        #expect(ImageFormat.sniff(Data("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.sniff(Data([0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0])) == .heic)
        #expect(ImageFormat.sniff(Data([0, 0, 0, 24] + Array("ftypmif1".utf8) + [0, 0, 0, 0])) == .heif)
        #expect(ImageFormat.sniff(Data("hello, world".utf8)) == nil)
        #expect(ImageFormat.sniff(Data()) == nil)
    }

    @Test func readsPixelSizes() {
        #expect(PixelSize.of(TestImages.png(width: 13, height: 7)) == PixelSize(width: 13, height: 7))
        #expect(PixelSize.of(TestImages.jpegHeader(width: 640, height: 480)) == PixelSize(width: 640, height: 480))
        #expect(PixelSize.of(Data("nope".utf8)) == nil)
    }
}

@Suite struct FileSystemTests {
    @Test func normalizesProjectPaths() {
        #expect(ProjectPath.normalize("a/./b/../c.png") == "a/c.png")
        #expect(ProjectPath.normalize("Images//x.png") == "Images/x.png")
        #expect(ProjectPath.normalize("../x.png") == nil)
        #expect(ProjectPath.normalize("a/../../x.png") == nil)
        #expect(ProjectPath.normalize("/etc/passwd") == nil)
        #expect(ProjectPath.normalize("") == nil)
        #expect(ProjectPath.normalize(".") == nil)
    }

    @Test func splitsPathsWithoutFoundation() {
        #expect(ProjectPath.parent("3") == "" && ProjectPath.name("3") == "3", "NSString crashes on this one")
        #expect(ProjectPath.parent("Art/a.png") == "Art" && ProjectPath.name("Art/a.png") == "a.png")
        #expect(ProjectPath.parent("/a") == "/")
        #expect(
            ProjectPath.fileExtension("Images/a.PNG") == "PNG" && ProjectPath.fileExtension(".hidden") == ""
                && ProjectPath.fileExtension("a") == "")
        #expect(ProjectPath.removingExtension("Images/a.jpg") == "Images/a")
    }

    @Test func atomicWriteReplacesWholeFileAndLeavesNoTemp() throws {
        let folder = TemporaryDirectory()
        try AtomicFileWriter.write(Data("one".utf8), to: folder.url("out/a.txt"))
        try AtomicFileWriter.write(Data("two".utf8), to: folder.url("out/a.txt"))
        #expect(folder.read("out/a.txt") == Data("two".utf8))
        #expect(folder.listing() == ["out", "out/a.txt"])
    }

    @Test func abortedWriteKeepsTheOldFile() throws {
        let folder = TemporaryDirectory()
        folder.write("a.txt", "old")
        let writer = try AtomicFileWriter(destination: folder.url("a.txt"))
        try writer.write(Data("half of the new".utf8))
        writer.abort()
        #expect(folder.read("a.txt") == Data("old".utf8))
        #expect(folder.listing() == ["a.txt"])
    }

    @Test func statSeesSizeAndMissingFiles() throws {
        let folder = TemporaryDirectory()
        folder.write("x", "12345")
        #expect(try FileStat.of(folder.url("x"))?.size == 5)
        #expect(try FileStat.of(folder.url("missing")) == nil)
    }

    @Test func diagnosticsPrintLocationKeyAndFix() {
        let diagnostic = Diagnostic.error(
            "unknown key 'aspect'", at: SourceLocation(file: "assets.yml", line: 4, column: 3), key: "defaults.aspect",
            fix: "did you mean 'aspect_ratio'?")
        #expect(
            diagnostic.description
                == "assets.yml:4:3: error: defaults.aspect: unknown key 'aspect'\n    fix: did you mean 'aspect_ratio'?"
        )
    }
}
