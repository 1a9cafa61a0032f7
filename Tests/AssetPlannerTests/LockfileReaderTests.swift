import AssetFingerprint
import AssetSupport
import Foundation
import TestSupport
import Testing

@testable import AssetPlanner

/// The lock file's fast reader must give what `JSONDecoder` gives, or leave the file to it.
@Suite struct LockfileReaderTests {
    static let hashA = ContentHash(hex: String(repeating: "a1", count: 32))!
    static let hashB = ContentHash(hex: String(repeating: "0f", count: 32))!

    static func entry(_ prompt: String, instruction: String? = nil, answer: Bool = true, references: Int = 2)
        -> LockEntry
    {
        let inputs = AssetInputs(
            provider: "gemini", model: "gemini-3.1-flash-image", prompt: prompt, systemInstruction: instruction,
            config: [
                "aspect_ratio": "16:9", "image_size": "2K", "safety_settings.HARM_CATEGORY_HARASSMENT": "BLOCK_NONE",
            ],
            references: (0..<references).map {
                InputReference(kind: $0 == 0 ? .asset : .file, name: "Art/ref \($0) é.png", sha256: hashB)
            })
        return LockEntry(
            output: "Images/\(prompt.count).png", fingerprint: hashA, outputSHA256: hashB,
            answerSHA256: answer ? hashA : nil,
            answerFormat: answer ? .jpeg : nil, provider: "gemini", model: "gemini-3.1-flash-image",
            placeholder: !answer, inputs: inputs)
    }

    static let lock: Lockfile = {
        var lock = Lockfile()
        lock.assets["a"] = entry("A fox")
        lock.assets["b-1"] = entry(
            "Quotes \" and \\ slashes / tabs\t newlines\n, unicode é 狐 🦊 e\u{301} \u{1}", instruction: "Be kind.")
        lock.assets["c_2"] = entry("", answer: false, references: 0)
        var picked = entry("An icon", references: 1)
        picked.variants = 3
        picked.picked = 2
        picked.renditions = [
            RenditionRecord(
                output: "Web/icon-64.webp", recipe: "rendition:1 format=webp width=64", fingerprint: hashB,
                outputSHA256: hashA),
            RenditionRecord(
                output: "Assets.xcassets/Icon.imageset/Contents.json", recipe: "catalog:1 imageset\nicon.png scale=1x",
                fingerprint: hashA, outputSHA256: hashB),
        ]
        lock.assets["d"] = picked
        var chain = entry("A chart", references: 1)
        chain.inputs.edits = [
            EditInput(prompt: "In Spanish.", config: ["aspect_ratio": "1:1"], references: []),
            EditInput(
                prompt: "Add the logo.", config: [:],
                references: [InputReference(kind: .asset, name: "logo", sha256: hashB)]),
        ]
        chain.turns = [
            LockTurn(
                turn: 0, fingerprint: hashB, answerSHA256: hashA, imageSHA256: hashB,
                modelVersion: "gemini-3-pro-image",
                usage: TokenUsage(
                    promptTokens: 12, outputTokens: 1130, thoughtsTokens: 180, imageTokens: 1120, totalTokens: 1322),
                costUSD: 0.13671),
            LockTurn(
                turn: 1, fingerprint: hashA, answerSHA256: hashB, imageSHA256: hashA, modelVersion: nil, usage: nil,
                costUSD: 0.1 + 0.2),
            LockTurn(
                turn: 2, fingerprint: hashA, answerSHA256: hashA, imageSHA256: hashB, modelVersion: "m", usage: nil,
                costUSD: 1e-7),
        ]
        lock.assets["e"] = chain
        return lock
    }()

    func read(_ text: String) -> Lockfile? { LockfileReader.read(Data(text.utf8)) }

    /// An edit chain's per-turn answers, written in full or in part (an older lock has none), read as JSONDecoder reads them.
    @Test func editTurnAnswersReadAsJSONDecoderReadsThem() throws {
        let written = String(decoding: try Self.lock.encoded(), as: UTF8.self)
        #expect(written.contains("\"cost_usd\" : 0.30000000000000004"), "a cost keeps every digit")
        let fast = try #require(read(written))
        #expect(fast.assets["e"]?.turns == Self.lock.assets["e"]?.turns)
        #expect(fast.assets["e"]?.turns?.first?.usage?.imageTokens == 1120)
        #expect(fast.assets["a"]?.turns == nil, "an entry without edits records no turns")
        let compact = String(decoding: try JSONEncoder().encode(Self.lock), as: UTF8.self)
        #expect(read(compact) == decoded(compact))
        // Optional fields left out, and integers where doubles go, read the same both ways.
        let sparse = written.replacingOccurrences(of: "\"cost_usd\" : 1e-07,", with: "\"cost_usd\" : 2,")
            .replacingOccurrences(of: "\"model_version\" : \"m\",", with: "")
        #expect(sparse != written)
        #expect(read(sparse) == decoded(sparse))
        #expect(read(sparse)?.assets["e"]?.turns?.last?.costUSD == 2)
        #expect(read(sparse)?.assets["e"]?.turns?.last?.modelVersion == nil)
        // An older lock, without turns, still reads.
        var old = try #require(decoded(written))
        old.assets["e"]?.turns = nil
        let older = String(decoding: try old.encoded(), as: UTF8.self)
        #expect(!older.contains("\"turns\""))
        #expect(read(older) == decoded(older))
        #expect(read(older)?.assets["e"]?.inputs.edits?.count == 2)
    }
    func decoded(_ text: String) -> Lockfile? { try? JSONDecoder().decode(Lockfile.self, from: Data(text.utf8)) }

    @Test func readsWhatJSONDecoderReads() throws {
        let written = try Self.lock.encoded()
        let fast = try #require(LockfileReader.read(written))
        let slow = try JSONDecoder().decode(Lockfile.self, from: written)
        #expect(fast == slow)
        #expect(fast == Self.lock)
        #expect(fast.assets["b-1"]?.inputs == Self.lock.assets["b-1"]?.inputs, "deferred inputs decode when read")
        #expect(try fast.encoded() == written, "and write back the same bytes")
    }

    @Test func compactAndReorderedJSONReadsTheSame() throws {
        let compact = String(decoding: try JSONEncoder().encode(Self.lock), as: UTF8.self)
        #expect(read(compact) == decoded(compact))
        let extra = #"{"assets": {}, "future": [1, 2.5e3, {"x": null}, true], "version": 1}"#
        #expect(read(extra) == decoded(extra))
    }

    /// Input the fast reader leaves to JSONDecoder, which is then the reference (and the author of any error).
    @Test(arguments: [
        #"{"version": 1, "version": 1, "assets": {}}"#,
        #"{"version": 1.0, "assets": {}}"#,
        #"{"version": 1e0, "assets": {}}"#,
        "\u{FEFF}{\"version\": 1, \"assets\": {}}",
        #"{"version": 1, "assets": {}} x"#,
        #"{"version": "1", "assets": {}}"#,
        #"{"assets": {}}"#,
    ])
    func unusualDocumentsAreLeftToJSONDecoder(text: String) {
        #expect(read(text) == nil)
    }

    @Test func unusualEntriesAreLeftToJSONDecoder() throws {
        let written = String(decoding: try Self.lock.encoded(), as: UTF8.self)
        let hex = Self.hashA.hex
        let variants = [
            written.replacingOccurrences(of: "\"placeholder\" : true", with: "\"placeholder\" : 1"),
            written.replacingOccurrences(of: "\"answer_format\" : \"jpeg\"", with: "\"answer_format\" : \"gif\""),
            written.replacingOccurrences(
                of: "\"fingerprint\" : \"\(hex)\"", with: "\"fingerprint\" : \"\(hex.uppercased())\""),
            written.replacingOccurrences(of: "\"kind\" : \"asset\"", with: "\"kind\" : \"folder\""),
            written.replacingOccurrences(
                of: "\"image_size\" : \"2K\"", with: "\"image_size\" : \"2K\", \"image_size\" : \"4K\""),
            written.replacingOccurrences(
                of: "\"model\" : \"gemini-3.1-flash-image\",\n      \"output\"",
                with: "\"model\" : 7,\n      \"output\""),
            written.replacingOccurrences(of: "\"prompt\" : \"A fox\"", with: "\"prompt\" : \"A fox \\ud83e\""),
            written.replacingOccurrences(of: "\"prompt\" : \"A fox\",", with: ""),
            written.replacingOccurrences(of: "\"picked\" : 2", with: "\"picked\" : \"2\""),
            written.replacingOccurrences(of: "\"variants\" : 3", with: "\"variants\" : 3.5"),
            written.replacingOccurrences(
                of: "\"recipe\" : \"rendition:1 format=webp width=64\"", with: "\"recipe\" : 64"),
            written.replacingOccurrences(
                of: #""output" : "Web/icon-64.webp""#, with: #""output" : ["Web/icon-64.webp"]"#),
        ]
        let turns = [
            written.replacingOccurrences(of: "\"cost_usd\" : 0.13671", with: "\"cost_usd\" : \"0.13671\""),
            written.replacingOccurrences(
                of: "\"cost_usd\" : 0.13671", with: "\"cost_usd\" : 0.13671, \"cost_usd\" : 1"),
            written.replacingOccurrences(of: "\"turn\" : 0,", with: "\"turn\" : 0.5,"),
            written.replacingOccurrences(of: "\"totalTokens\" : 1322", with: "\"total\" : 1322"),
            written.replacingOccurrences(of: "\"promptTokens\" : 12", with: "\"promptTokens\" : -"),
            written.replacingOccurrences(of: "\"model_version\" : \"m\"", with: "\"model_version\" : [\"m\"]"),
            written.replacingOccurrences(of: "\"turn\" : 0,", with: ""),
        ]
        for variant in variants + turns {
            #expect(variant != written)
            #expect(read(variant) == nil, "\(variant.prefix(0))")
        }
    }

    /// An unknown key may hold anything; nested past `JSONScanner.maxDepth` it is JSONDecoder's to judge, and a
    /// hostile depth is a clean error, not a stack overflow.
    @Test func deeplyNestedValuesAreLeftToJSONDecoder() throws {
        let nested = { (depth: Int) in
            #"{"version": 1, "assets": {}, "future": "# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}"
        }
        #expect(read(nested(JSONScanner.maxDepth - 1)) == decoded(nested(JSONScanner.maxDepth - 1)))
        #expect(read(nested(JSONScanner.maxDepth - 1)) != nil, "an ordinary depth is read here")
        #expect(read(nested(JSONScanner.maxDepth)) == nil)
        let folder = TemporaryDirectory()
        folder.write("assets.lock", nested(200_000))
        #expect(throws: UserFacingError.self) { try Lockfile.load(from: folder.url("assets.lock")) }
    }

    /// A lock left conflicted by a merge gets the steps that work during a merge (not 'git checkout --').
    @Test func aConflictedLockSaysHowToResolveIt() throws {
        let folder = TemporaryDirectory()
        folder.write(
            "assets.lock",
            "{\n  \"assets\" : {\n<<<<<<< HEAD\n    \"a\" : {}\n=======\n    \"b\" : {}\n>>>>>>> feature\n  }\n}\n")
        do {
            _ = try Lockfile.load(from: folder.url("assets.lock"))
            Issue.record("a conflicted lock was read")
        } catch let error as UserFacingError {
            #expect(error.message == "assets.lock has merge conflict markers")
            #expect(error.fix?.hasPrefix("keep one side, 'git checkout --ours assets.lock' (or --theirs)") == true)
        }
    }

    @Test func loadGivesJSONDecodersAnswerAndErrors() throws {
        let folder = TemporaryDirectory()
        folder.write("assets.lock", #"{"version": 1, "version": 1, "assets": {}}"#)
        #expect(
            try Lockfile.load(from: folder.url("assets.lock"))
                == decoded(#"{"version": 1, "version": 1, "assets": {}}"#))
        folder.write("assets.lock", #"{"version": 1, "assets": {"a": {"output": 5}}}"#)
        #expect(throws: UserFacingError.self) { try Lockfile.load(from: folder.url("assets.lock")) }
        #expect(try Lockfile.load(from: folder.url("absent.lock")) == Lockfile())
    }
}
