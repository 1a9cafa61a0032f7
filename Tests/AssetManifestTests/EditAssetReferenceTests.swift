import AssetManifest
import AssetSupport
import Foundation
import TestSupport
import Testing

/// An edit turn may add another asset's image (`references: [{asset: id}]`): the chain is ordered after it.
@Suite struct EditAssetReferenceTests {
    func manifest(_ references: String, logoReferences: String = "") -> String {
        """
        version: 1
        assets:
          - id: chart
            output: Images/chart.png
            prompt: "An infographic"
            config: {model: gemini-3-pro-image}
            edits:
              - "Translate it into Spanish."
              - prompt: "Put the logo in the corner."
                references: \(references)
          - id: logo
            output: Images/logo.png
            prompt: "A round logo"\(logoReferences)
        """
    }

    @Test func anEditsAssetReferenceOrdersTheChainAfterIt() throws {
        let project = try load(manifest("[{asset: logo}]")).get()
        #expect(project.assets.map(\.id) == ["logo", "chart"], "upstream first, though declared after")
        let chart = try #require(project.asset("chart"))
        #expect(chart.edits[1].references == [.asset(id: "logo")])
        #expect(chart.dependencies == ["logo"])
        #expect(project.closure(of: ["chart"]).map(\.id) == ["logo", "chart"])
    }

    @Test func anUnknownOrOwnAssetIsALocatedError() {
        let unknown = errors(manifest("[{asset: logp}]")).first { $0.message == "no asset with id 'logp'" }
        #expect(unknown?.key == "assets[chart].edits[1].references[0]")
        #expect(unknown?.location?.line == 10)
        #expect(unknown?.fix?.contains("logo") == true)
        let own = errors(manifest("[{asset: chart}]")).first { $0.message == "asset 'chart' refers to itself" }
        #expect(own?.key == "assets[chart].edits[1].references[0]")
    }

    @Test func aCycleThroughAnEditIsReported() {
        let found = errors(manifest("[{asset: logo}]", logoReferences: "\n    references: [{asset: chart}]"))
        #expect(found.contains { $0.message.hasPrefix("dependency cycle:") }, "\(found.map(\.message))")
    }
}
