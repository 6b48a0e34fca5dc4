import Foundation

/// Where this server's upstream calls go, decided once at start-up.
public enum UpstreamMode: Sendable, Equatable {
    /// memories.ai (or another implementation of its API) with the server's own key.
    case vendor(baseURL: URL)
    /// A simulator this process does not run, reached at `baseURL` with a placeholder key.
    case externalSimulator(baseURL: URL)
    /// The simulator started inside this process.
    case embeddedSimulator(baseURL: URL)

    public var baseURL: URL {
        switch self {
        case .vendor(let url), .externalSimulator(let url), .embeddedSimulator(let url): url
        }
    }

    public var isSimulator: Bool {
        if case .vendor = self { return false }
        return true
    }

    /// One line for the banner, the logs and the settings page.
    public var summary: String {
        switch self {
        case .vendor(let url): "memories.ai at \(url.absoluteString)"
        case .externalSimulator(let url): "an external simulator at \(url.absoluteString) (no API key configured)"
        case .embeddedSimulator(let url): "the built-in simulator at \(url.absoluteString) (no API key configured)"
        }
    }
}
