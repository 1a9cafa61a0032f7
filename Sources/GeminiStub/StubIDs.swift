import Foundation

/// Random lower-case ids like the service's (`files/29zm2ddgh73v`).
enum StubIDs {
    static func make(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }
}

/// RFC 3339 timestamps as the service prints them.
enum StubTime {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
