import Foundation

/// Fixes for the YAML mistakes people make most, read from the text around a syntax error: a tab in the
/// indentation, and an unquoted `#RRGGBB` colour in a flow map (`{background: #00FF00}`), where `#` starts a
/// comment and swallows the closing brace.
enum YAMLErrorHints {
    /// The fix for a syntax error reported at `line` (1-based), or nil when no known mistake is near it.
    static func fix(forErrorAt line: Int, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { return nil }
        let last = min(max(line, 1), lines.count)
        let nearby = max(1, last - 1)...last
        if let tabbed = nearby.reversed().first(where: {
            lines[$0 - 1].prefix { $0 == " " || $0 == "\t" }.contains("\t")
        }) {
            return
                "line \(tabbed) is indented with a tab; YAML allows only spaces in indentation: replace the tab with spaces"
        }
        for number in stride(from: last, through: 1, by: -1) {
            guard let colour = unquotedColour(in: lines[number - 1]) else { continue }
            return
                "quote the colour on line \(number): write '\(colour)' in quotes (\"\(colour)\"); an unquoted '#' after a space starts a comment, which hides the rest of the line"
        }
        return nil
    }

    /// `#RRGGBB` (or `#RGB`, `#RRGGBBAA`) after a space in a line that opens a flow map or sequence, outside quotes.
    static func unquotedColour(in line: Substring) -> String? {
        var quote: Character?
        var sawFlow = false
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "{" || character == "[" {
                sawFlow = true
            } else if character == "#", previous == " " || previous == "\t" {
                guard sawFlow else { return nil }
                let digits = line[line.index(after: index)...].prefix { $0.isHexDigit }
                return [3, 4, 6, 8].contains(digits.count) ? "#" + digits : nil
            }
            previous = character
            index = line.index(after: index)
        }
        return nil
    }
}
