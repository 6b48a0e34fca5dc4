import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Seals secrets at rest (upstream API keys, webhook tokens) with AES-256-GCM under the
/// server's master key, and names them by an HMAC so equal secrets can be found without
/// decrypting anything. Losing the master key makes every sealed secret unreadable (they must
/// be entered again); it is never stored in the database.
public struct SecretBox: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// The key from `SHOWRUNNER_SECRET_KEY` (base64 of 32 bytes, or any passphrase of 32+
    /// characters, stretched with HKDF), else from `<data-dir>/master.key`, created once with
    /// mode 0600 on first start.
    public static func load(configuration: AppConfiguration) throws -> SecretBox {
        if let text = configuration.secretKey {
            return try SecretBox(text: text)
        }
        let file = configuration.dataDirectory.appendingPathComponent("master.key")
        let manager = FileManager.default
        if let data = manager.contents(atPath: file.path) {
            guard let text = String(data: data, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw SecretKeyError.unreadable(file.path)
            }
            return try SecretBox(text: text)
        }
        try manager.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        try createKeyFile(at: file.path, contents: fresh + "\n")
        guard let data = manager.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw SecretKeyError.unreadable(file.path)
        }
        // Another process may have won the race: use whatever key the file now holds.
        return try SecretBox(text: text)
    }

    /// Writes the key to a temporary file (0600 from the start), flushes it to disk, then links
    /// it into place: the final name either does not exist or holds a complete key, even after
    /// a crash or a power cut, and two processes starting at once end up with the same key.
    static func createKeyFile(at path: String, contents: String) throws {
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw SecretKeyError.unwritable(path) }
        defer { unlink(temporary) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        Glibc.close(descriptor)
        guard written == bytes.count, synced == 0 else { throw SecretKeyError.unwritable(path) }
        // link() fails if the key already exists (another process was first): that is fine.
        if link(temporary, path) != 0, errno != EEXIST { throw SecretKeyError.unwritable(path) }
        let directory = Glibc.open((path as NSString).deletingLastPathComponent, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            Glibc.close(directory)
        }
    }

    init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let data = Data(base64Encoded: trimmed), data.count == 32 {
            self.init(key: SymmetricKey(data: data))
        } else if trimmed.count >= 32 {
            let derived = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: Data(trimmed.utf8)), info: Data("showrunner master key".utf8), outputByteCount: 32
            )
            self.init(key: derived)
        } else {
            throw SecretKeyError.tooShort
        }
    }

    /// nonce ‖ ciphertext ‖ tag.
    func seal(_ plaintext: String) throws -> Data {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw SecretKeyError.sealFailed }
        return combined
    }

    /// Nil when the data was sealed under another master key or was tampered with.
    func open(_ sealed: Data) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed), let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(data: plain, encoding: .utf8)
    }

    /// A stable, non-reversible name for a secret under this master key (hex HMAC-SHA256).
    func fingerprint(_ secret: String, purpose: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((purpose + "\u{0}" + secret).utf8), using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}

public enum SecretKeyError: Error, CustomStringConvertible {
    case tooShort, unreadable(String), unwritable(String), sealFailed

    public var description: String {
        switch self {
        case .tooShort: "SHOWRUNNER_SECRET_KEY must be base64 of 32 bytes (openssl rand -base64 32) or a passphrase of at least 32 characters."
        case .unreadable(let path): "The master key file \(path) is empty or not readable text. Restore it from your backup (without it, stored memories.ai keys cannot be decrypted), or remove it to start over and enter the keys again."
        case .unwritable(let path): "Could not create the master key file \(path)."
        case .sealFailed: "Encryption failed."
        }
    }
}
