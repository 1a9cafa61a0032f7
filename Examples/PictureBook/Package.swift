// swift-tools-version: 6.0
import PackageDescription

// A picture-book app's content package. Its images are declared in assets.yml and made with
//   swift package --allow-writing-to-package-directory --allow-network-connections all:443 generate-assets --provider placeholder
// (both permission flags are needed without a terminal; see the root README).
let package = Package(
    name: "PictureBook",
    dependencies: [
        .package(name: "generate-assets", path: "../..")
    ],
    targets: [
        .target(name: "PictureBook", path: "Sources/PictureBook")
    ]
)
