import Foundation
import TestSupport

/// A ten-asset project: shared references, a three-deep chain of `asset:` references, several models and sizes.
enum TenAssetProject {
    static let manifest = """
        version: 1
        provider: placeholder
        defaults:
          model: gemini-3.1-flash-image
          aspect_ratio: "1:1"
          image_size: 512
        styles:
          flat: "Flat shapes."
        assets:
          - {id: a1, output: Images/a1.png, prompt: "one", references: [Art/shared.png]}
          - {id: a2, output: Images/a2.png, prompt: "two", references: [Art/shared.png, Art/brand.png], config: {aspect_ratio: "16:9"}}
          - {id: a3, output: Images/a3.png, prompt: "three", references: [Art/brand.png], config: {aspect_ratio: "21:9"}}
          - {id: c1, output: Images/chain/c1.png, prompt: "chain root", references: [Art/shared.png]}
          - {id: c2, output: Images/chain/c2.png, prompt: "chain two", references: [{asset: c1}], config: {aspect_ratio: "4:3"}}
          - {id: c3, output: Images/chain/c3.png, prompt: "chain three", references: [{asset: c2}], style: flat}
          - {id: c4, output: Images/chain/c4.png, prompt: "chain four", references: [{asset: c3}], config: {model: gemini-2.5-flash-image, aspect_ratio: "9:16"}}
          - {id: b1, output: Images/b1.png, prompt: "unique", references: [Art/unique.png], config: {model: gemini-3-pro-image, image_size: 1K, aspect_ratio: "3:4"}}
          - {id: b2, output: Images/b2.png, prompt: "no references", config: {aspect_ratio: "1:8"}}
          - {id: b3, output: Images/b3.png, prompt: "uses a3", references: [{asset: a3}]}
        """

    static let pixelSizes: [String: (Int, Int)] = [
        "a1": (512, 512), "a2": (688, 384), "a3": (792, 168), "c1": (512, 512), "c2": (600, 448), "c3": (512, 512),
        "c4": (768, 1344), "b1": (896, 1200), "b2": (192, 1536), "b3": (512, 512),
    ]

    static func make() -> TemporaryDirectory {
        let folder = TemporaryDirectory("ten-assets")
        folder.write("assets.yml", manifest)
        folder.write("Art/shared.png", TestImages.png(width: 32, height: 32, seed: 1))
        folder.write("Art/brand.png", TestImages.png(width: 16, height: 16, seed: 2))
        folder.write("Art/unique.png", TestImages.png(width: 8, height: 8, seed: 3))
        return folder
    }
}

extension TemporaryDirectory {
    /// Takes the project's run lock as another run would (`flock`); nil if it is taken. Closing the
    /// descriptor releases it.
    func holdRunLock() -> Int32? {
        let fd = open(url(".generate-assets/run.lock"), O_RDWR)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if fd >= 0 { close(fd) }
            return nil
        }
        return fd
    }
}

extension ToolRunner.Result {
    /// `state` of each asset in a `--json` report, by id.
    var states: [String: String] {
        var states: [String: String] = [:]
        for asset in (json?["assets"] as? [[String: Any]]) ?? [] {
            states[asset["id"] as! String] = asset["state"] as? String
        }
        return states
    }

    func ids(in state: String) -> Set<String> { Set(states.filter { $0.value == state }.keys) }

    func reasons(_ id: String) -> [String] {
        ((json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["reasons"] as? [String]) ?? []
    }

    var stats: [String: Any] { (json?["stats"] as? [String: Any]) ?? [:] }

    /// An asset's failure in a `--json` report: `{"kind", "message", "fix"}`.
    func failure(_ id: String) -> (kind: String, message: String, fix: String?)? {
        let asset = (json?["assets"] as? [[String: Any]])?.first { $0["id"] as? String == id }
        guard let error = asset?["error"] as? [String: Any], let kind = error["kind"] as? String,
            let message = error["message"] as? String
        else { return nil }
        return (kind, message, error["fix"] as? String)
    }

    /// The top-level `error` of a `--json` failure, with `exit_code`.
    var commandFailure: (kind: String, message: String, fix: String?, exitCode: Int?)? {
        guard let error = json?["error"] as? [String: Any], let kind = error["kind"] as? String,
            let message = error["message"] as? String
        else { return nil }
        return (kind, message, error["fix"] as? String, json?["exit_code"] as? Int)
    }
}
