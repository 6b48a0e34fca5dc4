import Foundation
import MemoriesClient

/// Decides which account a task uses, and hands out its client.
///
/// New tasks: the organisation's default key; with none, the server's key
/// (`SHOWRUNNER_MEMORIES_API_KEY`); with neither, the simulator. Existing tasks keep the
/// account they were submitted on, even if the organisation's default changes later.
struct UpstreamAccounts: Sendable {
    let keys: UpstreamKeyRepository
    let upstream: Upstream
    let secrets: SecretBox

    func forNewTask(organizationId: Int64) async throws -> UpstreamAccount {
        if let key = try await keys.defaultKey(organizationId: organizationId) {
            guard let account = account(for: key) else {
                throw DomainError.conflict(
                    "The default key \(key.name) cannot be decrypted (the server's master key changed). Add it again under Settings."
                )
            }
            return account
        }
        return fallback
    }

    /// The server-wide account: the server's key, or the simulator.
    var fallback: UpstreamAccount {
        if let serverKey = upstream.serverKey {
            return UpstreamAccount(
                kind: .server, keyId: nil, apiKey: serverKey,
                fingerprint: "server:" + secrets.fingerprint(serverKey, purpose: UpstreamKeyRepository.fingerprintPurpose),
                label: "the server's key"
            )
        }
        return Self.simulator
    }

    static let simulator = UpstreamAccount(
        kind: .simulator, keyId: nil, apiKey: Upstream.simulatorKey, fingerprint: "simulator", label: "the simulator"
    )

    /// The account a stored task was submitted on. Nil when its key was deleted.
    func forTask(kind: UpstreamAccount.Kind, keyId: Int64?, organizationId: Int64) async throws -> UpstreamAccount? {
        switch kind {
        case .simulator:
            // Always the simulator, even if a server key was configured since.
            return Self.simulator
        case .server:
            // Only while the server still has its key.
            let account = fallback
            return account.kind == .server ? account : nil
        case .organization:
            guard let keyId, let key = try await keys.find(organizationId: organizationId, id: keyId) else { return nil }
            return account(for: key)
        }
    }

    /// The account behind an organisation key; nil when the key cannot be decrypted.
    func account(for key: UpstreamKey) -> UpstreamAccount? {
        guard let apiKey = keys.reveal(key) else { return nil }
        return UpstreamAccount(
            kind: .organization, keyId: key.id, apiKey: apiKey, fingerprint: "key:" + key.fingerprint, label: "\(key.name) (\(key.maskedKey))"
        )
    }

    func client(for account: UpstreamAccount) -> any ScreenplayAPI {
        account.kind == .simulator ? upstream.makeSimulatorClient() : upstream.makeClient(account.apiKey)
    }
}
