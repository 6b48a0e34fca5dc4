import Foundation
import MemoriesClient

/// Decodes one JSON result file and turns `DecodingError` into a sentence that points at the
/// field (`scenes[3].shots[0].size: cannot read "XL" as ShotSize`), prefixed by the file name.
struct ResultFileDecoder {
    private let decoder = JSONDecoder()

    func decode<Value: Decodable>(_ type: Value.Type, from data: Data, file: String) throws(ResultIngestError) -> Value {
        do {
            return try decoder.decode(Value.self, from: data)
        } catch let error as DecodingError {
            // A different schema usually fails somewhere deep; name the real cause instead.
            if let schema = schema(of: data), schema != ResultSchema.current {
                throw Self.unknownSchema(schema, file: file)
            }
            throw ResultIngestError(.malformedFile, file: file, Self.describe(error))
        } catch {
            throw ResultIngestError(.malformedFile, file: file, "cannot be decoded (\(error))")
        }
    }

    /// Files name their schema; this version reads only `ResultSchema.current`.
    static func checkSchema(_ schema: String, file: String) throws(ResultIngestError) {
        guard schema == ResultSchema.current else { throw unknownSchema(schema, file: file) }
    }

    private static func unknownSchema(_ schema: String, file: String) -> ResultIngestError {
        ResultIngestError(.malformedFile, file: file, "unknown schema \"\(schema)\" (this version reads \(ResultSchema.current))")
    }

    private struct SchemaProbe: Decodable {
        let schema: String?
    }

    private func schema(of data: Data) -> String? {
        (try? decoder.decode(SchemaProbe.self, from: data))?.schema
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = context.underlyingError.map { " (\($0))" } ?? ""
            return "not valid JSON\(detail)"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): null where \(type) was expected"
        @unknown default:
            return "cannot be decoded (\(error))"
        }
    }

    /// `scenes[3].shots[0].size`
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "document" }
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
