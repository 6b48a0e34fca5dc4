import GRDB

extension Database {
    /// Inserts one row and returns it as stored, with the id SQLite assigned (`RETURNING *`).
    ///
    /// Read models keep a non-optional `id`, so inserts name their columns here instead of
    /// building a record with a placeholder id. Column names come from code, never from input.
    func insertReturning<Record: FetchableRecord & TableRecord>(
        _ type: Record.Type, _ values: KeyValuePairs<String, (any DatabaseValueConvertible)?>
    ) throws -> Record {
        let columns = values.map { "\"\($0.key)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        let sql = "INSERT INTO \"\(Record.databaseTableName)\" (\(columns)) VALUES (\(placeholders)) RETURNING *"
        let arguments = StatementArguments(values.map { $0.value })
        guard let record = try Record.fetchOne(self, sql: sql, arguments: arguments) else {
            throw DatabaseError(message: "INSERT INTO \(Record.databaseTableName) returned no row")
        }
        return record
    }
}
