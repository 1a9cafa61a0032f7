/// The pages of "The Fox and the Lantern", each with the image generate-assets draws for it.
public enum Pages {
    public struct Page: Sendable {
        public let text: String
        public let image: String
    }

    public static let all: [Page] = [
        Page(text: "Fen the fox lived at the edge of a snowy wood.", image: "Images/page-1.png"),
        Page(text: "One night she found a lantern glowing in the snow.", image: "Images/page-2.png"),
        Page(text: "She carried it home, and the whole wood followed its light.", image: "Images/page-3.png"),
    ]
}
