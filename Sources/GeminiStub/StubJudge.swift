import AssetSupport
import Foundation

/// The stub's judge: Gemini text models that read images and answer in JSON (gemini-api.md, "Image understanding").
/// Its verdicts are decidable without pretending to see: the legible text of an image is what the stub drew into
/// it (the quoted words of the prompt that made it), and yes/no questions follow a table tests script.
enum StubJudge {
    /// The text models served (they read images and answer text; they draw nothing).
    static let models: Set<String> = ["gemini-2.5-flash", "gemini-2.5-flash-lite"]

    /// The quoted words of a prompt: "double" or 'single' quotes (an apostrophe inside a word does not close one).
    static func quotedWords(_ prompt: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #""([^"]+)"|(?<![\w])'(.+?)'(?![\w])"#)
        let range = NSRange(prompt.startIndex..., in: prompt)
        return regex.matches(in: prompt, range: range).compactMap { match in
            for group in 1...2 {
                if let found = Range(match.range(at: group), in: prompt) { return String(prompt[found]) }
            }
            return nil
        }
    }

    /// The questions of a judge prompt: lines `Qn: question`.
    static func questions(_ prompt: String) -> [String] {
        prompt.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Q"), let colon = line.firstIndex(of: ":"),
                Int(line[line.index(after: line.startIndex)..<colon]) != nil
            else { return nil }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// The limit a judge prompt names for alt text ("at most N characters"), nil when it asks for none.
    static func altLimit(_ prompt: String) -> Int? {
        guard let match = GeminiStub.captures(prompt, #"alt text of at most (\d+) characters"#) else { return nil }
        return Int(match[0])
    }
}

/// What the stub drew into one of its images.
struct StubDrawing: Sendable {
    var prompt: String
    var words: [String]
}

/// A scripted judge answer: `answer` for the first `times` askings of `question`, the other answer after.
package struct JudgeScript: Sendable {
    package var question: String
    package var answer: Bool
    package var times: Int

    package init(question: String, answer: Bool, times: Int) {
        self.question = question
        self.answer = answer
        self.times = times
    }

    /// `QUESTION=no@N` or `QUESTION=yes` (N defaults to every time).
    package init?(spec: String) {
        guard let equals = spec.lastIndex(of: "=") else { return nil }
        let rest = spec[spec.index(after: equals)...].split(separator: "@")
        guard let first = rest.first, first == "yes" || first == "no" else { return nil }
        question = String(spec[..<equals])
        answer = first == "yes"
        times = rest.count > 1 ? Int(rest[1]) ?? Int.max : Int.max
    }
}
