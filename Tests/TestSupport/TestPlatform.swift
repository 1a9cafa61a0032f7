/// Where the tests run, for the few that need what only Debian's CI has (a tmpfs to fill, Debian's
/// Chromium): they are skipped elsewhere, saying why.
public enum TestPlatform {
    public static let isLinux: Bool = {
        #if os(Linux)
            true
        #else
            false
        #endif
    }()
}
