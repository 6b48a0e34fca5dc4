import Foundation

/// A result zip saved to disk by `ScreenplayAPI.download`.
public struct DownloadedFile: Sendable, Equatable {
    /// Where the zip now lives (the destination passed in).
    public var url: URL
    public var byteCount: Int64
    /// From `Content-Disposition`, normally `{task_id}.zip`.
    public var suggestedFilename: String?

    public init(url: URL, byteCount: Int64, suggestedFilename: String?) {
        self.url = url
        self.byteCount = byteCount
        self.suggestedFilename = suggestedFilename
    }
}
