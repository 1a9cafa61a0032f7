/// Names in a message: the first few, then how many more (`a, b, c, and 5 more`).
package enum Listing {
    package static func first(_ limit: Int, of items: [String]) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", and \(items.count - limit) more" : "")
    }
}
