import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// The kept result zip and the workbooks inside it, streamed to members of the organisation.
struct TaskArtifactsController {
    typealias Context = OrganizationContext
    let dependencies: AppDependencies

    var tasks: TaskRepository { TaskRepository(database: dependencies.database) }

    /// The task and its drama's title: all a download needs (one query, not the task page's five).
    func requireTask(_ context: Context) async throws -> (task: TaskRecord, dramaTitle: String) {
        let id = try context.parameters.require("task", as: Int64.self)
        guard let found = try await tasks.findWithDramaTitle(organizationId: context.organizationId, id: id) else { throw HTTPError(.notFound) }
        return found
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get(SiteURL.OrgRoute.taskArtifact, use: artifact)
    }

    /// The kept zip, or one workbook inside it, streamed; members of the organisation only.
    @Sendable func artifact(_ request: Request, context: Context) async throws -> Response {
        let detail = try await requireTask(context)
        guard let path = detail.task.artifactPath, FileManager.default.fileExists(atPath: path) else { throw HTTPError(.notFound) }
        let name = try context.parameters.require("name")
        let dramaSlug = Organization.slugBase(from: detail.dramaTitle)
        let filePrefix = "\(dramaSlug == "org" ? "drama" : dramaSlug)-task-\(detail.task.id)"
        if name == "result.zip" {
            let body = try await FileIO(threadPool: .singleton).loadFile(path: path, context: context)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip",
                    .contentDisposition: "attachment; filename=\"\(filePrefix)-\(detail.task.upstreamTaskId ?? "result").zip\"",
                ],
                body: body
            )
        }
        guard name.hasSuffix(".xlsx"), let archive = try? ResultArchive(contentsOf: URL(fileURLWithPath: path)),
            let entry = archive.workbooks.first(where: { $0.name == name })
        else { throw HTTPError(.notFound) }
        let stream = try archive.chunks(ofEntryNamed: entry.name)
        let safeName = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(filePrefix)-\(safeName)\"",
            ],
            body: ResponseBody { writer in
                for try await chunk in stream {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
        )
    }
}
