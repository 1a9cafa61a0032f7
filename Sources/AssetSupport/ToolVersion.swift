/// The tool's version, recorded in provenance.
public enum ToolVersion {
    public static let current = "0.1.0"
}
