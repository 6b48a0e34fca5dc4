import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the API reads and writes JSON: snake_case keys (as upstream's own API), ISO 8601 dates,
/// request bodies of at most `maximumBodyBytes`.
enum APIJSON {
    static let maximumBodyBytes = 1 << 20

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder().encode(value)
        return bytes(data, status: status, headers: headers)
    }

    static func bytes(_ data: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes the body as `T`; a body that is not JSON, too large or of the wrong shape is a
    /// 400/413/422 with a message naming the field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodyBytes {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "The body is over \(maximumBodyBytes / 1024) KiB.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw APIError(status: .contentTooLarge, code: "body_too_large", message: "The body is over \(maximumBodyBytes / 1024) KiB.")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("Send a JSON body.", code: "invalid_json") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw APIError.badRequest("The body is not valid JSON.", code: "invalid_json")
        } catch let error as DecodingError {
            throw APIError.invalid(Self.describe(error), code: "invalid_body")
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("The body is not valid JSON.", code: "invalid_json")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let names = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue.snakeCased }
            return names.isEmpty ? "the body" : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "The body is not valid JSON." : "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is required."
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context.codingPath)) has the wrong type."
        @unknown default: return "The body does not have the expected shape."
        }
    }
}

extension String {
    /// `dryRun` → `dry_run`, for naming fields in messages as clients send them.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// A list answer: `{"data": [...], "next_cursor": "…" | null}`.
struct APIList<Item: Encodable>: Encodable {
    var data: [Item]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        // Present as null on the last page, so clients can test it without a key check.
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case data, nextCursor }
}

/// One resource: `{"data": {...}}`.
struct APIItem<Item: Encodable>: Encodable {
    var data: Item
}
