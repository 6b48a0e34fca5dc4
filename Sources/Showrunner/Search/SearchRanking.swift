import Foundation
import GRDB
import GRDBSQLite

/// `showrunner_rank(storyboardSearch, scopePhrases)`: FTS5's bm25 over the `body` column,
/// leaving out the first `scopePhrases` phrases of the query (the organisation and project
/// scope tokens).
///
/// Why not the built-in `bm25(storyboardSearch, 0.0, 1.0)`: weights only scale term
/// frequencies, but bm25 still computes every phrase's document frequency on its first call,
/// and the scope phrase `"o1"` is in every entry of the organisation — counting its 2 million
/// documents took 55–95 ms per search over a million lines, whatever the searched word.
/// Leaving the scope phrases out of the score costs nothing in ranking: they are in every
/// candidate, so they add the same to each score.
///
/// The formula is bm25's (k1 = 1.2, b = 0.75, IDF floor 1e-6, negated so that `ORDER BY`
/// ascending puts the best first), with the document length taken from the body column and
/// document frequencies counted up to a cap (see `QueryStatistics.compute`).
enum SearchRanking {
    static let functionName = "showrunner_rank"

    /// Registers the function on one connection (from `prepareDatabase`, beside the tokenizer).
    static func register(in db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 cannot register functions")
        }
        let code = create(UnsafeMutablePointer(mutating: api), functionName, nil, rankFunction, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "could not register \(functionName)")
        }
    }
}

private let bodyColumn: Int32 = 1
private let k1 = 1.2
private let b = 0.75

/// What is the same for every row of one query: kept as the query's aux data.
private final class QueryStatistics {
    let idf: [Double]
    let averageLength: Double

    init(idf: [Double], averageLength: Double) {
        self.idf = idf
        self.averageLength = averageLength
    }

    /// Document frequencies are counted up to 1% of the entries: a phrase found more often
    /// than that (的, 你, the prefix 妈*) weighs as little as any other so common, and
    /// counting half a million matches would cost more than the search. A query of one body
    /// phrase needs no IDF at all: the same factor on every score changes no order.
    static func compute(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer?, scopePhrases: Int) -> QueryStatistics? {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        guard let rowCount = api.pointee.xRowCount, let totalSize = api.pointee.xColumnTotalSize,
              let phraseCount = api.pointee.xPhraseCount, let queryPhrase = api.pointee.xQueryPhrase,
              rowCount(fts, &rows) == SQLITE_OK, totalSize(fts, bodyColumn, &tokens) == SQLITE_OK
        else { return nil }
        let count = Int(phraseCount(fts))
        let documents = Double(max(rows, 1))
        var idf = [Double](repeating: 1, count: count)
        for phrase in 0..<min(scopePhrases, count) { idf[phrase] = 0 }
        if count - scopePhrases > 1 {
            for phrase in scopePhrases..<count {
                var tally = DocumentTally(limit: max(1_000, Int64(rows / 100)))
                guard queryPhrase(fts, Int32(phrase), &tally, countDocument) == SQLITE_OK else { return nil }
                let hits = Double(tally.count)
                let value = log((documents - hits + 0.5) / (hits + 0.5))
                idf[phrase] = value > 0 ? value : 1e-6
            }
        }
        return QueryStatistics(idf: idf, averageLength: max(Double(tokens) / documents, 1))
    }
}

private struct DocumentTally {
    let limit: Int64
    var count: Int64 = 0
}

/// xQueryPhrase calls this once per document holding the phrase; SQLITE_DONE stops it.
private func countDocument(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let tally = context?.assumingMemoryBound(to: DocumentTally.self) else { return SQLITE_ERROR }
    tally.pointee.count += 1
    return tally.pointee.count >= tally.pointee.limit ? SQLITE_DONE : SQLITE_OK
}

private func releaseStatistics(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<QueryStatistics>.fromOpaque(pointer).release()
}

private func rankFunction(
    _ api: UnsafePointer<Fts5ExtensionApi>?,
    _ fts: OpaquePointer?,
    _ context: OpaquePointer?,
    _ argumentCount: Int32,
    _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let getAux = api.pointee.xGetAuxdata, let setAux = api.pointee.xSetAuxdata,
          let phraseFirst = api.pointee.xPhraseFirst, let phraseNext = api.pointee.xPhraseNext,
          let columnSize = api.pointee.xColumnSize
    else {
        sqlite3_result_error(context, "showrunner_rank: FTS5 API unavailable", -1)
        return
    }
    let scopePhrases = argumentCount > 0 ? max(0, Int(sqlite3_value_int(arguments?[0]))) : 0

    let statistics: QueryStatistics
    if let stored = getAux(fts, 0) {
        statistics = Unmanaged<QueryStatistics>.fromOpaque(stored).takeUnretainedValue()
    } else {
        guard let computed = QueryStatistics.compute(api, fts, scopePhrases: scopePhrases) else {
            sqlite3_result_error(context, "showrunner_rank: could not read index statistics", -1)
            return
        }
        // SQLite calls the destructor itself when it cannot store the data.
        guard setAux(fts, Unmanaged.passRetained(computed).toOpaque(), releaseStatistics) == SQLITE_OK else {
            sqlite3_result_error(context, "showrunner_rank: out of memory", -1)
            return
        }
        statistics = computed
    }

    var length: Int32 = 0
    guard columnSize(fts, bodyColumn, &length) == SQLITE_OK else {
        sqlite3_result_error(context, "showrunner_rank: could not read the row", -1)
        return
    }
    let lengthFactor = k1 * (1 - b + b * Double(length) / statistics.averageLength)
    var score = 0.0
    var iterator = Fts5PhraseIter()
    // Only the body phrases' instances are read: the scope phrase's positions are never decoded.
    for phrase in scopePhrases..<max(scopePhrases, statistics.idf.count) {
        var column: Int32 = 0
        var offset: Int32 = 0
        var frequency = 0.0
        guard phraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK else { continue }
        while column >= 0 {
            if column == bodyColumn { frequency += 1 }
            phraseNext(fts, &iterator, &column, &offset)
        }
        if frequency > 0 {
            score += statistics.idf[phrase] * (frequency * (k1 + 1)) / (frequency + lengthFactor)
        }
    }
    sqlite3_result_double(context, -score)
}
