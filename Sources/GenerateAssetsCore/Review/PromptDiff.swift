/// A word-level diff of two prompts: the longest common subsequence of their words and spaces.
enum PromptDiff {
    /// Above this many cells the table would cost too much; the prompts are then shown whole, old then new.
    static let maxCells = 4_000_000

    static func between(_ old: String, _ new: String) -> [DiffPiece] {
        let a = tokens(old)
        let b = tokens(new)
        // Common ends first: most edits touch a few words in the middle.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)])
        let newMiddle = Array(b[prefix..<(b.count - suffix)])
        var pieces: [DiffPiece] = a[..<prefix].map { DiffPiece(.same, $0) }
        if oldMiddle.count * newMiddle.count > maxCells {
            pieces += oldMiddle.map { DiffPiece(.removed, $0) } + newMiddle.map { DiffPiece(.added, $0) }
        } else {
            pieces += middle(oldMiddle, newMiddle)
        }
        pieces += a[(a.count - suffix)...].map { DiffPiece(.same, $0) }
        return merged(pieces)
    }

    /// Words and the runs of white space between them, in order.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace != inSpace, !current.isEmpty {
                tokens.append(current)
                current = ""
            }
            inSpace = character.isWhitespace
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func middle(_ a: [String], _ b: [String]) -> [DiffPiece] {
        guard !a.isEmpty, !b.isEmpty else { return a.map { DiffPiece(.removed, $0) } + b.map { DiffPiece(.added, $0) } }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var pieces: [DiffPiece] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                pieces.append(DiffPiece(.same, a[i]))
                i += 1
                j += 1
            } else if lengths[i + 1][j] >= lengths[i][j + 1] {
                pieces.append(DiffPiece(.removed, a[i]))
                i += 1
            } else {
                pieces.append(DiffPiece(.added, b[j]))
                j += 1
            }
        }
        return pieces + a[i...].map { DiffPiece(.removed, $0) } + b[j...].map { DiffPiece(.added, $0) }
    }

    /// Joins neighbours of one kind. A run of changes with only spaces between them reads as one edit:
    /// "~~red fox~~ grey wolf" rather than "~~red~~ grey ~~fox~~ wolf".
    static func merged(_ pieces: [DiffPiece]) -> [DiffPiece] {
        var out: [DiffPiece] = []
        var run: [DiffPiece] = []
        func append(_ piece: DiffPiece) {
            guard !piece.text.isEmpty else { return }
            if let last = out.last, last.kind == piece.kind {
                out[out.count - 1].text += piece.text
            } else {
                out.append(piece)
            }
        }
        func flush() {
            var trailing: [DiffPiece] = []
            while let last = run.last, last.kind == .same { trailing.insert(run.removeLast(), at: 0) }
            let kinds = Set(run.map(\.kind))
            if kinds.contains(.removed), kinds.contains(.added) {
                append(DiffPiece(.removed, run.filter { $0.kind != .added }.map(\.text).joined()))
                append(DiffPiece(.added, run.filter { $0.kind != .removed }.map(\.text).joined()))
            } else {
                run.forEach(append)
            }
            trailing.forEach(append)
            run = []
        }
        for piece in pieces {
            if piece.kind != .same || (!run.isEmpty && piece.text.allSatisfy(\.isWhitespace)) {
                run.append(piece)
            } else {
                flush()
                append(piece)
            }
        }
        flush()
        return out
    }
}
