import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on `<database>.lock` (flock): every server holds it shared for its
/// lifetime (two servers on one database are fine), a restore holds it exclusively. The kernel
/// drops it when the process dies, so a crash never leaves a stale lock behind.
public final class DatabaseLock: Sendable {
    public enum Mode: Sendable { case shared, exclusive }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case held(path: String, mode: Mode)
        case unavailable(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(_, .shared):
                "A restore is replacing this database right now; start the server when it has finished."
            case .held(_, .exclusive):
                "A Showrunner server is using this database. Stop it (every process serving this data folder) before restoring."
            case .unavailable(let path, let reason):
                "Cannot lock \(path): \(reason)."
            }
        }
    }

    private let descriptor: Int32
    public let path: String

    /// Takes the lock without waiting; throws `Failure.held` when it conflicts.
    public init(databasePath: String, mode: Mode) throws {
        path = databasePath + ".lock"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure.unavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK { throw Failure.held(path: path, mode: mode) }
            throw Failure.unavailable(path: path, reason: String(cString: strerror(reason)))
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
