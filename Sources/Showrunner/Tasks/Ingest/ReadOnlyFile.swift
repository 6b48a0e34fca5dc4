import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only and read with `pread`, so one open file can serve several readers
/// on different threads without sharing a file offset.
final class ReadOnlyFile: Sendable {
    let size: Int64
    private let descriptor: Int32

    init(url: URL) throws(ResultArchiveError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ResultArchiveError(.unreadable, "\(url.lastPathComponent) does not exist or is a folder")
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ResultArchiveError(.unreadable, "cannot open \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size >= 0 else {
            close(descriptor)
            throw ResultArchiveError(.unreadable, "cannot read \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.size = Int64(size)
    }

    deinit {
        close(descriptor)
    }

    /// Exactly `count` bytes at `offset`; a read past the end means the zip is truncated.
    func read(at offset: Int64, count: Int) throws(ResultArchiveError) -> Data {
        guard count > 0 else { return Data() }
        guard offset >= 0, offset <= size, Int64(count) <= size - offset else {
            throw .corrupt("data at offset \(offset) runs past the end of the file (\(size) bytes): truncated?")
        }
        var data = Data(count: count)
        let filled = data.withUnsafeMutableBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var filled = 0
            while filled < count {
                let result = pread(descriptor, base + filled, count - filled, off_t(offset) + off_t(filled))
                if result > 0 {
                    filled += result
                } else if result < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            return filled
        }
        guard filled == count else {
            throw .corrupt("could read only \(filled) of \(count) bytes at offset \(offset): truncated?")
        }
        return data
    }
}
