import MemoriesClient

/// Upstream failures in words for the timeline and the forms; never includes the key.
enum UpstreamMessage {
    static func describe(_ error: any Error) -> String {
        if let error = error as? MemoriesError { return error.description }
        if error is CancellationError { return "The server is shutting down." }
        return "An unexpected error occurred (\(type(of: error)))."
    }
}
