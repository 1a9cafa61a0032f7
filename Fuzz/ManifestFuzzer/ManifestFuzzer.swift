import AssetManifest
import AssetSupport
import Foundation

/// Feeds arbitrary bytes to the manifest loader as `assets.yml` in a scratch project. It must never crash,
/// every failure must be a located diagnostic, and the loader must write nothing.
enum ManifestFuzzing {
    static let project: String = {
        let folder = NSTemporaryDirectory() + "manifest-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder + "/Art", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder + "/Art/sketch.png", contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 24)))
        FileManager.default.createFile(atPath: folder + "/Art/notes.png", contents: Data("notes".utf8))
        return folder
    }()

    static func run(_ data: Data) {
        let path = project + "/assets.yml"
        FileManager.default.createFile(atPath: path, contents: data)
        do {
            _ = try ManifestLoader.load(manifestAt: path)
        } catch let error as DiagnosticsError {
            precondition(!error.diagnostics.errors.isEmpty, "a failure without an error diagnostic")
            for diagnostic in error.diagnostics.errors { precondition(diagnostic.location != nil, "unlocated: \(diagnostic)") }
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: project)) ?? []
        precondition(Set(listing) == ["Art", "assets.yml"], "the loader wrote \(listing)")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func manifestFuzzerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    ManifestFuzzing.run(Data(bytes: data, count: size))
    return 0
}
#else
/// Without libFuzzer (a normal build): replays the files given on the command line.
@main
struct ManifestFuzzerReplay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            ManifestFuzzing.run(data)
        }
        print("replayed \(files.count) inputs without a crash")
    }
}
#endif
