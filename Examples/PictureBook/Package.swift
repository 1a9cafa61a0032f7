// swift-tools-version: 6.0
import PackageDescription

// A picture-book app's content package. Its images are declared in assets.yml and made with
//   swift package --allow-writing-to-package-directory generate-assets --provider placeholder
let package = Package(
    name: "PictureBook",
    dependencies: [
        .package(name: "generate-assets", path: "../.."),
    ],
    targets: [
        .target(name: "PictureBook", path: "Sources/PictureBook"),
    ]
)
