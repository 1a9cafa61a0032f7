import AssetSupport

/// The answer to "which model is this id?".
package enum ModelLookup: Sendable {
    case known(ImageModel)
    /// A retired id that now maps to a successor, with a warning.
    case renamed(from: String, to: ImageModel)
    /// A model that no longer exists on the Gemini API.
    case shutDown(String)
    /// A model this version does not know and the manifest does not declare: accepted without validation.
    case unknown(String)
}

/// The image models a project can use: the built-in rows, replaced or extended by the manifest's
/// `models:` declarations. A project's catalog is `ResolvedProject.catalog`.
package struct ModelCatalog: Sendable {
    package static let defaultModelID = "gemini-3.1-flash-image"
    /// The built-in rows, as shipped.
    package static let models: [ImageModel] = BuiltInModels.rows
    /// The built-in catalog, for a project that declares no models.
    package static let builtIn = ModelCatalog(models: models)

    /// The built-in catalog's answer; projects ask their own catalog, which includes their declarations.
    package static func lookup(_ id: String) -> ModelLookup { builtIn.lookup(id) }

    package let models: [ImageModel]

    package init(models: [ImageModel]) {
        self.models = models
    }

    /// This catalog with each of `declared` replacing the row of the same id, or added after the rest.
    package func merging(_ declared: [ImageModel]) -> ModelCatalog {
        let ids = Set(declared.map(\.id))
        return ModelCatalog(models: models.filter { !ids.contains($0.id) } + declared)
    }

    package func model(_ id: String) -> ImageModel? { models.first { $0.id == id } }

    /// Every id in the catalog.
    package var knownIDs: [String] { models.map(\.id) }

    /// The ids worth suggesting: those neither deprecated nor past their shutdown date.
    package var currentIDs: [String] { models.filter { $0.retirement == nil }.map(\.id) }

    package func lookup(_ id: String) -> ModelLookup {
        if let model = model(id) { return .known(model) }
        if let successor = BuiltInModels.renamed[id], let model = model(successor) {
            return .renamed(from: id, to: model)
        }
        if id.hasPrefix("imagen-") {
            return .shutDown("Imagen models were shut down on the Gemini API on 2026-08-17")
        }
        return .unknown(id)
    }
}
