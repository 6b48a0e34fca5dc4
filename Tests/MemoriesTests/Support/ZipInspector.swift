import Foundation
import ZIPFoundation

/// Reads zips (result packages and XLSX workbooks) in tests.
enum ZipInspector {
    static func entryNames(_ url: URL) throws -> Set<String> {
        let archive = try Archive(url: url, accessMode: .read)
        return Set(archive.map(\.path))
    }

    static func data(_ path: String, in url: URL) throws -> Data {
        let archive = try Archive(url: url, accessMode: .read)
        return try data(path, in: archive)
    }

    static func data(_ path: String, in archive: Archive) throws -> Data {
        guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    static func entryNames(inZipData data: Data) throws -> Set<String> {
        let archive = try Archive(data: data, accessMode: .read)
        return Set(archive.map(\.path))
    }
}
