// swift-tools-version: 6.1
import PackageDescription

/// generate-assets: a manifest-driven, cached, provenance-tracking image generator.
///
/// The folder tree reads like the architecture: one module per concern, a thin CLI on top.
let package = Package(
    name: "generate-assets",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "generate-assets", targets: ["generate-assets"]),
        .executable(name: "gemini-stub", targets: ["gemini-stub"]),
        .plugin(name: "GenerateAssetsPlugin", targets: ["GenerateAssetsPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries. SQLite and zlib: Debian's default paths and the macOS SDK serve (no pkg-config,
        // which would only warn). libcrypto: SHA-256 on Linux (Apple platforms use CommonCrypto). libgit2:
        // linked on Apple platforms from Homebrew, found through pkg-config (see README, "libgit2").
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"]), .brew(["pkgconf", "libgit2"])]),

        // libvips behind a non-variadic C face, opened with dlopen on first use (every platform).
        .target(name: "CVipsShim", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // libcurl behind a non-variadic C face, opened with dlopen on the first request (every platform).
        .target(name: "CCurlShim", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Decoding, encoding and resampling behind one seam: `ImageCodec`.
        .target(
            name: "AssetImaging",
            dependencies: ["AssetSupport", "CVipsShim"]),
        // Shared basics: diagnostics, hashing, atomic files, image sniffing, clocks.
        .target(name: "AssetSupport", dependencies: [.target(name: "CCrypto", condition: .when(platforms: [.linux]))]),
        // assets.yml: parsing, validation, the model table.
        .target(name: "AssetManifest", dependencies: ["AssetSupport", .product(name: "Yams", package: "Yams")]),
        // Canonical inputs, fingerprints, the stat-cached file hasher.
        .target(name: "AssetFingerprint", dependencies: ["AssetSupport", "AssetManifest"]),
        // The SQLite cache: blobs, results, stat cache, call log.
        .target(name: "AssetCache", dependencies: ["AssetSupport", "AssetFingerprint", "CSQLite"]),
        // Fresh/stale decisions with reasons, and the lock file.
        .target(name: "AssetPlanner", dependencies: ["AssetSupport", "AssetManifest", "AssetFingerprint"]),
        // Image providers behind one protocol: the placeholder renderer (and, later, Gemini).
        .target(
            name: "AssetProviders",
            dependencies: [
                "AssetSupport", "AssetManifest", "AssetImaging", "CZlib", "CCurlShim",
            ]),
        // Git through libgit2: commits of outputs, provenance notes, history.
        // libgit2 opened with dlopen on the first call (Linux): a run that makes no commit does not load it.
        .target(name: "CGit2Lazy", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "AssetGit",
            dependencies: [
                .target(name: "CGit2", condition: .when(platforms: [.macOS, .iOS, .tvOS, .watchOS, .visionOS])),
                .target(name: "CGit2Lazy", condition: .when(platforms: [.linux])),
            ]),
        // Provenance as data: note records, and reading a path's history back from git notes or the lock.
        .target(
            name: "AssetProvenance",
            dependencies: [
                "AssetSupport", "AssetManifest", "AssetFingerprint", "AssetCache", "AssetPlanner", "AssetGit",
            ]),
        // The engine and the commands' logic, independent of any terminal.
        .target(
            name: "GenerateAssetsCore",
            dependencies: [
                "AssetSupport", "AssetManifest", "AssetFingerprint", "AssetCache", "AssetPlanner", "AssetProviders",
                "AssetImaging", "AssetGit", "AssetProvenance",
            ]
        ),
        // The thin ArgumentParser front.
        .executableTarget(
            name: "generate-assets",
            dependencies: [
                "GenerateAssetsCore", "AssetProvenance", "AssetSupport", "AssetFingerprint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The loopback Gemini stand-in: a library tests start in-process, and an executable for people.
        .target(name: "GeminiStub", dependencies: ["AssetSupport", "AssetProviders", "AssetImaging"]),
        .executableTarget(
            name: "gemini-stub",
            dependencies: ["GeminiStub", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // libFuzzer target for the manifest loader (Scripts/fuzz-manifest.sh); a plain build replays files.
        .executableTarget(
            name: "manifest-fuzzer", dependencies: ["AssetManifest", "AssetSupport"], path: "Fuzz/ManifestFuzzer"),
        // Kills generate-assets at random moments and checks that nothing was torn, lost or corrupted.
        .executableTarget(
            name: "crash-harness", dependencies: ["GeminiStub", "AssetSupport"], path: "Harnesses/CrashHarness"),
        .plugin(
            name: "GenerateAssetsPlugin",
            capability: .command(
                intent: .custom(verb: "generate-assets", description: "Generate the images declared in assets.yml"),
                permissions: [
                    .writeToPackageDirectory(
                        reason: "Writes the generated images, assets.lock and the .generate-assets cache."),
                    .allowNetworkConnections(
                        scope: .all(ports: [443]), reason: "Calls the Gemini image API over HTTPS."),
                ]
            ),
            dependencies: ["generate-assets"]
        ),

        .target(
            name: "TestSupport", dependencies: ["AssetSupport", "AssetProviders", "CZlib"], path: "Tests/TestSupport"),
        .testTarget(name: "AssetSupportTests", dependencies: ["AssetSupport", "TestSupport"]),
        .testTarget(name: "AssetImagingTests", dependencies: ["AssetImaging", "TestSupport"]),
        .testTarget(
            name: "AssetManifestTests",
            dependencies: ["AssetManifest", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "AssetFingerprintTests", dependencies: ["AssetFingerprint", "TestSupport"]),
        .testTarget(name: "AssetCacheTests", dependencies: ["AssetCache", "TestSupport"]),
        .testTarget(name: "AssetPlannerTests", dependencies: ["AssetPlanner", "AssetCache", "TestSupport"]),
        .testTarget(
            name: "AssetProvidersTests", dependencies: ["AssetProviders", "AssetImaging", "GeminiStub", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "AssetGitTests", dependencies: ["AssetGit", "TestSupport"]),
        // The core in-process: engine, budget, snapshots, with a scripted provider and clock where needed.
        .testTarget(
            name: "GenerateAssetsCoreTests",
            dependencies: ["GenerateAssetsCore", "AssetProvenance", "GeminiStub", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["generate-assets", "crash-harness", "GeminiStub", "AssetImaging", "TestSupport"]),
    ]
)

// Every Swift target: existentials spelled `any`, and members visible only through the modules a file imports.
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
