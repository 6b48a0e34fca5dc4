import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so a slow hash never blocks the async executors.
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    /// A hash of a random string at the same cost, for `burnEquivalentTime`.
    private let dummyHash: Task<String, Never>

    /// Starts one hash in the background (once per process start), so do not call per request.
    public init(cost: UInt8) {
        self.cost = cost
        // Off the start-up path: at cost 12 one hash takes about 250 ms, which was three
        // quarters of the server's start-up CPU, and on two cores a hash started at once still
        // slowed start-up by taking the other core; so it starts a second later. Only a login
        // for an unknown email waits for it.
        self.dummyHash = Task.detached(priority: .utility) {
            try? await Task.sleep(for: .seconds(1))
            let password = SecureToken.generate(byteCount: 16)
            if let hash = try? await NIOThreadPool.singleton.runIfActive({ Bcrypt.hash(password, cost: cost) }) { return hash }
            return Bcrypt.hash(password, cost: cost)
        }
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Verifies against a throwaway hash so that "no such user" takes as long as "wrong password".
    func burnEquivalentTime(for password: String) async throws {
        _ = try await verify(password, against: await dummyHash.value)
    }
}

/// Rules a new password must meet. Long passphrases beat composition rules (NIST 800-63B).
enum PasswordPolicy {
    static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes; refuse longer input rather than silently truncate.
    static let maximumBytes = 72

    static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength { return "Use at least \(minimumLength) characters." }
        if password.utf8.count > maximumBytes { return "Use at most \(maximumBytes) bytes." }
        if password.lowercased() == email.lowercased() { return "Don't use your email address as your password." }
        return nil
    }
}
