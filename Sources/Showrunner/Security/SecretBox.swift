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
            guard let text = String(data: data, encoding: .utf8) else { throw SecretKeyError.unreadable(file.path) }
            return try SecretBox(text: text)
        }
        try manager.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        // Created with 0600 from the start (no window where it is world-readable); O_EXCL so
        // two processes starting at once do not both write one.
        let descriptor = Glibc.open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if let data = manager.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) {
                return try SecretBox(text: text)
            }
            throw SecretKeyError.unwritable(file.path)
        }
        let bytes = Array((fresh + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        Glibc.close(descriptor)
        guard written == bytes.count else { throw SecretKeyError.unwritable(file.path) }
        return try SecretBox(text: fresh)
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
        case .unreadable(let path): "The master key file \(path) is not readable text."
        case .unwritable(let path): "Could not create the master key file \(path)."
        case .sealFailed: "Encryption failed."
        }
    }
}
