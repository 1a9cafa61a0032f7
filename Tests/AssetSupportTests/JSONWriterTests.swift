import Foundation
import Testing

@testable import AssetSupport

/// `JSONWriter` must write exactly what `JSONEncoder` writes with `JSONText`'s options, or decline.
@Suite struct JSONWriterTests {
    static func encoder(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func writer(_ value: some Encodable) throws -> String {
        String(decoding: try JSONWriter.encode(value), as: UTF8.self)
    }

    struct Record: Codable {
        enum Kind: String, Codable { case fresh, stale }
        struct Inner: Codable {
            var hash: String?
            var list: [Int]
            var nested: [[String]]
        }

        var id: String
        var kind: Kind
        var reasons: [String]
        var empty: [String]
        var emptyMap: [String: Int]
        var costs: [Double]
        var cost: Double?
        var missing: String?
        var flag: Bool
        var big: UInt64
        var small: Int8
        var float: Float
        var map: [String: String]
        var inner: Inner
        var inners: [Inner]

        enum CodingKeys: String, CodingKey {
            case id, kind, reasons, empty, costs, cost, missing, flag, big, small, float, map, inner, inners
            case emptyMap = "empty_map"
        }
    }

    static func record(_ text: String, doubles: [Double]) -> Record {
        Record(
            id: text, kind: .stale, reasons: [text, "prompt changed", ""], empty: [], emptyMap: [:], costs: doubles,
            cost: doubles.first,
            missing: nil, flag: true, big: .max, small: -128, float: 0.1,
            map: ["z": text, "A": "b", "a_b": "/", "a.b": "c", "a10": "1", "a9": "9"],
            inner: .init(hash: nil, list: [], nested: [[], [text]]),
            inners: [.init(hash: "x", list: [1, -2], nested: [])])
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let strings = [
            "plain", "a/b </script>", "q\"uote", "back\\slash", "nl\nt\tcr\r",
            "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
            "é 狐 🦊 e\u{301}", "\u{2028}\u{2029}", "\u{FEFF}bom", "",
        ]
        let doubles: [Double] = [
            0, 1, -0.0, 0.1, 0.045, 0.151, 1e-7, 1e-5, 123_456_789_012_345_678, 1e15, 1e16, 1e21, 1e22, 2.5e-300,
            0.30000000000000004, 100, 1.5, 12345.678, 3e-4, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -7.25,
        ]
        for text in strings {
            let value = Self.record(text, doubles: doubles)
            #expect(try Self.writer(value) == Self.encoder(value))
        }
        #expect(try Self.writer([String: [Int]]()) == Self.encoder([String: [Int]]()))
        #expect(try Self.writer([[String: Int]()]) == Self.encoder([[String: Int]()]))
    }

    @Test func numbersMatchForManyValues() throws {
        var generator = SystemRandomNumberGenerator()
        var doubles: [Double] = []
        while doubles.count < 2000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { doubles.append(value) }
        }
        doubles += (0..<500).map { Double($0) / 1000 } + (0..<200).map { Double($0) * 0.045 }
        #expect(try Self.writer(doubles) == Self.encoder(doubles))
        let floats = doubles.prefix(500).map { Float($0) }.filter(\.isFinite)
        #expect(try Self.writer(floats) == Self.encoder(floats))
    }

    @Test func declinesWhatItDoesNotWriteAndJSONTextFallsBack() throws {
        struct Odd: Codable {
            var data: Data
            var url: URL
            var date: Date
        }
        let odd = Odd(
            data: Data([1, 2, 3]), url: URL(string: "https://example.com/a")!, date: Date(timeIntervalSince1970: 5))
        #expect(throws: JSONWriter.Declined.self) { try JSONWriter.encode(odd) }
        #expect(throws: JSONWriter.Declined.self) { try JSONWriter.encode(["é": 1, "e": 2]) }  // non-ASCII keys
        #expect(try JSONText.encode(odd) == Self.encoder(odd))
        #expect(try JSONText.encode(["é": 1, "e": 2]) == Self.encoder(["é": 1, "e": 2]))
    }

    @Test func nonFiniteNumbersFailAsJSONEncoderFails() {
        #expect(throws: EncodingError.self) { try JSONText.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONText.encode(["x": Double.infinity]) }
    }
}
