import Foundation
import GRDB

/// Loads one run's scenes, shots, lines and cast in five cached statements with hand-written
/// row decoding (the storyboard page and JSON are the hottest reads in the product).
struct StoryboardRunReader {
    let db: Database
    let run: StoryboardDocument.Run

    func read() throws -> (characters: [Int64: StoryboardDocument.Character], scenes: [StoryboardDocument.Scene]) {
        let characters = try readCharacters()
        let (sceneCast, shotCast) = try readAppearances()
        var linesByShot: [Int64: [StoryboardDocument.Line]] = [:]
        var looseLinesByScene: [Int64: [StoryboardDocument.Line]] = [:]
        for (line, sceneId, shotId) in try readLines() {
            if let shotId { linesByShot[shotId, default: []].append(line) } else { looseLinesByScene[sceneId, default: []].append(line) }
        }
        var shotsByScene: [Int64: [StoryboardDocument.Shot]] = [:]
        let shots = try db.cachedStatement(sql: """
            SELECT id, sceneId, number, size, angle, movement, description, startSeconds, endSeconds
            FROM storyboardShot WHERE runId = ? ORDER BY number
            """)
        let shotRows = try Row.fetchCursor(shots, arguments: [run.id])
        while let row = try shotRows.next() {
            let id: Int64 = row[0]
            let sceneId: Int64 = row[1]
            shotsByScene[sceneId, default: []].append(StoryboardDocument.Shot(
                id: id, number: row[2], size: row[3], angle: row[4], movement: row[5], description: row[6],
                start: row[7], end: row[8], characterIds: shotCast[id] ?? [], lines: linesByShot[id] ?? []
            ))
        }
        var scenes: [StoryboardDocument.Scene] = []
        let sceneStatement = try db.cachedStatement(sql: """
            SELECT id, number, setting, location, timeOfDay, heading, startSeconds, endSeconds, summary
            FROM storyboardScene WHERE runId = ? ORDER BY number
            """)
        let sceneRows = try Row.fetchCursor(sceneStatement, arguments: [run.id])
        while let row = try sceneRows.next() {
            let id: Int64 = row[0]
            scenes.append(StoryboardDocument.Scene(
                id: id, number: row[1], setting: row[2], location: row[3], timeOfDay: row[4], heading: row[5],
                start: row[6], end: row[7], summary: row[8], characterIds: sceneCast[id] ?? [],
                shots: shotsByScene[id] ?? [], looseLines: looseLinesByScene[id] ?? []
            ))
        }
        return (characters, scenes)
    }

    private func readCharacters() throws -> [Int64: StoryboardDocument.Character] {
        let statement = try db.cachedStatement(sql: "SELECT id, key, name, aliasesJSON, role FROM taskCharacter WHERE taskId = ?")
        var characters: [Int64: StoryboardDocument.Character] = [:]
        let rows = try Row.fetchCursor(statement, arguments: [run.taskId])
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let aliasesJSON: String = row[3]
            characters[id] = StoryboardDocument.Character(
                id: id, key: row[1], name: row[2], aliases: CharacterAliases.decode(aliasesJSON), role: row[4]
            )
        }
        return characters
    }

    /// Scene and shot casts, each in namelist order (the character's id order).
    private func readAppearances() throws -> (scenes: [Int64: [Int64]], shots: [Int64: [Int64]]) {
        let statement = try db.cachedStatement(sql: """
            SELECT 0, sc.sceneId, sc.characterId FROM sceneCharacter sc JOIN storyboardScene s ON s.id = sc.sceneId WHERE s.runId = :run
            UNION ALL
            SELECT 1, hc.shotId, hc.characterId FROM shotCharacter hc JOIN storyboardShot h ON h.id = hc.shotId WHERE h.runId = :run
            ORDER BY 1, 2, 3
            """)
        var scenes: [Int64: [Int64]] = [:]
        var shots: [Int64: [Int64]] = [:]
        let rows = try Row.fetchCursor(statement, arguments: ["run": run.id])
        while let row = try rows.next() {
            let isShot: Int = row[0]
            let owner: Int64 = row[1]
            let character: Int64 = row[2]
            if isShot == 1 { shots[owner, default: []].append(character) } else { scenes[owner, default: []].append(character) }
        }
        return (scenes, shots)
    }

    private func readLines() throws -> [(StoryboardDocument.Line, sceneId: Int64, shotId: Int64?)] {
        let statement = try db.cachedStatement(sql: """
            SELECT l.id, l.ordinal, l.lineKey, s.number, h.number, l.speakerKey, l.speakerCharacterId, l.kind, l.delivery, l.text,
                   l.startSeconds, l.endSeconds, l.sceneId, l.shotId
            FROM dialogueLine l
            JOIN storyboardScene s ON s.id = l.sceneId
            LEFT JOIN storyboardShot h ON h.id = l.shotId
            WHERE l.runId = ? ORDER BY l.ordinal
            """)
        var lines: [(StoryboardDocument.Line, sceneId: Int64, shotId: Int64?)] = []
        let rows = try Row.fetchCursor(statement, arguments: [run.id])
        while let row = try rows.next() {
            let kindText: String = row[7]
            let line = StoryboardDocument.Line(
                id: row[0], ordinal: row[1], key: row[2], sceneNumber: row[3], shotNumber: row[4], speakerKey: row[5],
                speakerId: row[6], kind: StoryboardDocument.LineKind(rawValue: kindText) ?? .dialogue, delivery: row[8],
                text: row[9], start: row[10], end: row[11]
            )
            lines.append((line, row[12], row[13]))
        }
        return lines
    }
}
