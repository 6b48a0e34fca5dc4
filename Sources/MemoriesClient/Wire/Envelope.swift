/// The v2 response envelope: `{code, msg, data, success, failed}`.
///
/// `msg` is display text only; decisions are made on the HTTP status and `code`
/// (see `ResponseClassifier`).
public struct Envelope<Payload: Sendable>: Sendable {
    public var code: EnvelopeCode
    public var msg: String?
    public var data: Payload?
    public var success: Bool?
    public var failed: Bool?

    public init(code: EnvelopeCode, msg: String?, data: Payload?, success: Bool?, failed: Bool?) {
        self.code = code
        self.msg = msg
        self.data = data
        self.success = success
        self.failed = failed
    }

    /// A success envelope in the form the current API sends.
    public static func ok(_ data: Payload) -> Envelope {
        Envelope(code: EnvelopeCode(200), msg: "success", data: data, success: true, failed: false)
    }

    /// An error envelope with `data: null`; `code` should equal the HTTP status.
    public static func error(code: Int, msg: String) -> Envelope {
        Envelope(code: EnvelopeCode(code), msg: msg, data: nil, success: false, failed: true)
    }
}

extension Envelope {
    enum CodingKeys: String, CodingKey {
        case code, msg, data, success, failed
    }
}

extension Envelope: Decodable where Payload: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decode(EnvelopeCode.self, forKey: .code)
        self.msg = try container.decodeIfPresent(String.self, forKey: .msg)
        self.data = try container.decodeIfPresent(Payload.self, forKey: .data)
        self.success = try container.decodeIfPresent(Bool.self, forKey: .success)
        self.failed = try container.decodeIfPresent(Bool.self, forKey: .failed)
    }
}

extension Envelope: Encodable where Payload: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(msg, forKey: .msg)
        // Upstream sends an explicit `"data": null` on errors.
        if let data {
            try container.encode(data, forKey: .data)
        } else {
            try container.encodeNil(forKey: .data)
        }
        try container.encodeIfPresent(success, forKey: .success)
        try container.encodeIfPresent(failed, forKey: .failed)
    }
}

/// Stands in for `data` when only `code` and `msg` matter (error bodies), so an unexpected
/// `data` shape never turns an error into a decoding failure.
public struct IgnoredPayload: Codable, Sendable, Equatable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {}
}
