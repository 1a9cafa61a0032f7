import AssetManifest
import AssetSupport
import Foundation

/// Feeds arbitrary bytes to the manifest loader as `assets.yml` in a scratch project. It must never crash,
/// every failure must be a located diagnostic, and the loader must write nothing.
enum ManifestFuzzing {
    static let project: String = {
        let folder = NSTemporaryDirectory() + "manifest-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder + "/Art", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: folder + "/Art/sketch.png",
            contents: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 24)))
        _ = FileManager.default.createFile(atPath: folder + "/Art/notes.png", contents: Data("notes".utf8))
        return folder
    }()

    static func run(_ data: Data) {
        let path = project + "/assets.yml"
        _ = FileManager.default.createFile(atPath: path, contents: data)
        do {
            _ = try ManifestLoader.load(manifestAt: path)
        } catch let error as DiagnosticsError {
            precondition(!error.diagnostics.errors.isEmpty, "a failure without an error diagnostic")
            for diagnostic in error.diagnostics.errors {
                precondition(diagnostic.location != nil, "unlocated: \(diagnostic)")
            }
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: project)) ?? []
        precondition(Set(listing) == ["Art", "assets.yml"], "the loader wrote \(listing)")
    }
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32
#endif

/// Built with libFuzzer (Scripts/fuzz-manifest.sh), it fuzzes; a plain build replays the files it is given.
@main
struct ManifestFuzzer {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(
                runFuzzerDriver(&argc, &argv) { data, size in
                    ManifestFuzzing.run(data.map { Data(bytes: $0, count: size) } ?? Data())
                    return 0
                })
        #else
            let files = CommandLine.arguments.dropFirst()
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                ManifestFuzzing.run(data)
            }
            print("replayed \(files.count) inputs without a crash")
        #endif
    }
}
