/// The tool's version, recorded in provenance.
package enum ToolVersion {
    package static let current = "0.1.0"
}
