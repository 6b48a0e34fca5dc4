import Foundation

/// A result zip or asset file saved to disk by `ScreenplayAPI.download` or `downloadAsset`.
public struct DownloadedFile: Sendable, Equatable {
    /// Where the zip now lives (the destination passed in).
    public var url: URL
    public var byteCount: Int64
    /// From `Content-Disposition`, normally `{task_id}.zip`.
    public var suggestedFilename: String?
    /// As upstream sent it (`video/mp4`).
    public var contentType: String?

    public init(url: URL, byteCount: Int64, suggestedFilename: String?, contentType: String? = nil) {
        self.url = url
        self.byteCount = byteCount
        self.suggestedFilename = suggestedFilename
        self.contentType = contentType
    }
}
