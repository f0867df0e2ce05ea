import Foundation
import RIRModel
import RIRPresentation
import RIRStore

extension Archive {
    /// Writes a report's history, every revision's content and every capture's exact bytes to
    /// `FOLDER/ID/` (`report.json`, `ID.warc.gz`, `captures/SHA256`), reads each file back and checks it before
    /// anything may be deleted; returns the paths written.
    public func export(_ id: String, to folder: String) throws(ArchiveError) -> [String] {
        let root = URL(fileURLWithPath: folder).appendingPathComponent(id)
        let captures = root.appendingPathComponent("captures")
        do {
            try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
        } catch {
            throw .export(.cannotWrite(path: captures.path, cause: "\(error)"))
        }
        var written: [String] = []
        let history = try stored { () throws(StoreError) in try store.history(of: id) }
        var revisions: [JSONValue] = []
        for revision in history {
            let report = try stored { () throws(StoreError) in try store.report(id, revision: revision.revision).report }
            revisions.append(.object([
                JSONMember("history", revision.jsonValue),
                JSONMember("content", report.jsonValue),
            ]))
            for capture in revision.captures {
                let path = captures.appendingPathComponent(capture.sha256).path
                if written.contains(path) { continue }
                let bytes = try stored { () throws(StoreError) in try store.captureBytes(sha256: capture.sha256) }
                try Self.write(bytes, to: path)
                guard SHA256Hex.digest(of: try Self.read(path)) == capture.sha256 else {
                    throw .export(.mismatch(path: path))
                }
                written.append(path)
            }
        }
        let jsonPath = root.appendingPathComponent("report.json").path
        let json = Array(JSONValue.array(revisions).rendered().utf8)
        try Self.write(json, to: jsonPath)
        guard try Self.read(jsonPath) == json else { throw .export(.mismatch(path: jsonPath)) }
        // The same captures as a WARC, for a web archive or an institutional repository.
        let warcPath = root.appendingPathComponent("\(id).warc.gz").path
        try exportWARC(to: warcPath, ids: [id])
        try verifyWARC(at: warcPath, holds: Set(history.flatMap { $0.captures.map(\.sha256) }))
        return [jsonPath, warcPath] + written
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(ArchiveError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .export(.cannotWrite(path: path, cause: "\(error)"))
        }
    }

    private static func read(_ path: String) throws(ArchiveError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .export(.mismatch(path: path)) }
        return [UInt8](data)
    }
}
