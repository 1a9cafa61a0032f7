/// Builds HTML in which every piece of data is escaped: text and attribute values go through `escape`,
/// and only the page's own fixed markup is written raw. Nothing from a manifest, a prompt, a model's
/// answer or an error message can become markup.
struct HTMLText {
    private(set) var html = ""

    /// Escapes `& < > " '` so the text is the same in element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Fixed markup of the page itself (never data).
    mutating func raw(_ markup: StaticString) {
        html += markup.description
    }

    /// Data, escaped.
    mutating func text(_ text: String) {
        html += Self.escape(text)
    }

    /// An element with escaped attribute values and a body.
    mutating func element(
        _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:],
        _ body: (inout HTMLText) -> Void = { _ in }
    ) {
        open(tag, attributes)
        body(&self)
        html += "</\(tag)>"
    }

    /// An element holding escaped text.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text: String) {
        element(tag, attributes) { $0.text(text) }
    }

    /// A void element (`img`, `meta`, `link`).
    mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        open(tag, attributes)
    }

    private mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        html += "<\(tag)"
        for (name, value) in attributes { html += " \(name)=\"\(Self.escape(value))\"" }
        html += ">"
    }
}
