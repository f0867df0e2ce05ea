import Foundation
import RIRModel
import RIRStore

/// Writes a report's history, every revision's content and every capture's exact
/// bytes to `FOLDER/ID/`, and checks what it wrote before anything may be deleted.
struct ReportExport {
    let store: ArchiveStore
    let folder: String

    enum ExportError: Error, CustomStringConvertible {
        case cannotWrite(path: String, cause: String)
        case mismatch(path: String)

        var description: String {
            switch self {
            case .cannotWrite(let path, let cause): "cannot export to \(path): \(cause); nothing was purged"
            case .mismatch(let path): "export check failed: \(path) does not hold what was written; nothing was purged"
            }
        }
    }

    /// Exports one report; returns the paths written.
    func export(_ id: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder).appendingPathComponent(id)
        let captures = root.appendingPathComponent("captures")
        do {
            try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotWrite(path: captures.path, cause: "\(error)")
        }
        var written: [String] = []
        let history = try store.history(of: id)
        var revisions: [RevisionExportJSON] = []
        for revision in history {
            let report = try store.report(id, revision: revision.revision).report
            revisions.append(RevisionExportJSON(summary: revision, report: report))
            for capture in revision.captures {
                let path = captures.appendingPathComponent(capture.sha256).path
                if written.contains(path) { continue }
                let bytes = try store.captureBytes(sha256: capture.sha256)
                try write(bytes, to: path)
                guard SHA256Hex.digest(of: try read(path)) == capture.sha256 else {
                    throw ExportError.mismatch(path: path)
                }
                written.append(path)
            }
        }
        let jsonPath = root.appendingPathComponent("report.json").path
        let json = Array(Output.json(revisions).utf8)
        try write(json, to: jsonPath)
        guard try read(jsonPath) == json else { throw ExportError.mismatch(path: jsonPath) }
        return [jsonPath] + written
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw ExportError.cannotWrite(path: path, cause: "\(error)")
        }
    }

    private func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExportError.mismatch(path: path) }
        return [UInt8](data)
    }
}

/// One revision in an export: its history entry and its whole normalized content.
struct RevisionExportJSON: Encodable {
    var history: RevisionJSON
    var content: Report

    init(summary: RevisionSummary, report: Report) {
        history = RevisionJSON(summary)
        content = report
    }
}
