import Foundation
import RIRConfig
import RIRModel
import RIRParser
import RIRRetention
import RIRStore

/// Errors of the command-line layer: inputs that cannot be read.
enum InputError: Error, CustomStringConvertible {
    case unreadable(path: String, cause: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case notFound(path: String)

    var description: String {
        switch self {
        case .unreadable(let path, let cause): "cannot read \(path): \(cause)"
        case .tooLarge(let path, let size, let limit):
            "cannot parse \(path): the input is \(size) bytes, over the \(limit)-byte cap\nhint: raise ingest.max_bytes if this really is one report"
        case .notFound(let path): "cannot read \(path): no such file or folder"
        }
    }
}

/// Reading capture files: the size cap is checked before anything is read.
enum CaptureFile {
    static func read(_ path: String, maxBytes: Int) throws(InputError) -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw FileManager.default.fileExists(atPath: path)
                ? .unreadable(path: path, cause: "permission denied or not a regular file")
                : .notFound(path: path)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maxBytes { throw .tooLarge(path: path, size: size, limit: maxBytes) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, cause: "permission denied")
        }
        defer { try? handle.close() }
        do {
            // Read at most one byte past the cap, in case the file grew since it was measured.
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes { throw InputError.tooLarge(path: path, size: data.count, limit: maxBytes) }
            return [UInt8](data)
        } catch let error as InputError {
            throw error
        } catch {
            throw .unreadable(path: path, cause: "\(error)")
        }
    }

    /// Files named by `paths`, folders expanded recursively, in a stable (sorted) order.
    /// Hidden files and partial downloads (`.part`, `.tmp`) are skipped inside folders.
    static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .notFound(path: path)
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let enumerator = FileManager.default.enumerator(atPath: path) else {
                throw .unreadable(path: path, cause: "cannot list the folder")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                        enumerator.skipDescendants()
                    }
                    continue
                }
                guard enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular,
                      !name.hasSuffix(".part"), !name.hasSuffix(".tmp") else { continue }
                found.append((path as NSString).appendingPathComponent(relative))
            }
            files += found.sorted()
        }
        return files
    }
}

/// The ingest pipeline shared by `ingest`, the daemon and `fetch`: read, parse, store.
struct Ingestion {
    let store: ArchiveStore
    let rules: IngestRules
    let limits: ParserLimits
    /// A label that replaces the file path as the capture's source.
    var sourceLabel: String?

    init(store: ArchiveStore, config: ArchiveConfig, asOf: CalendarDate, sourceLabel: String? = nil) throws {
        self.store = store
        let policy = try RetentionPolicy(config.retention)
        rules = IngestRules { id, published, held in
            policy.captureRejection(of: id, published: published, held: held, asOf: asOf)
        }
        limits = ParserLimits(maxBytes: config.ingest.maxBytes)
        self.sourceLabel = sourceLabel
    }

    /// Reads and parses one file into what the store takes; every failure becomes a
    /// rejection that names the cause.
    func item(forFile path: String) -> IngestItem {
        let name = (path as NSString).lastPathComponent
        let source = sourceLabel ?? path
        do {
            return item(for: try CaptureFile.read(path, maxBytes: limits.maxBytes), name: name, source: source)
        } catch {
            return .rejection(source: source, id: nil, reason: "\(error)", at: Clock.timestamp())
        }
    }

    /// Parses bytes already in memory (an HTTP body, a claimed inbox file).
    func item(for bytes: [UInt8], name: String, source: String) -> IngestItem {
        do {
            let parsed = try CaptureParser.parse(bytes, name: name, limits: limits)
            return .capture(CaptureInput(bytes: bytes, source: source, capturedAt: Clock.timestamp(),
                                         format: parsed.format.rawValue, encoding: parsed.encoding,
                                         report: parsed.report))
        } catch {
            return .rejection(source: source, id: ReportID.all(in: name).first?.description, reason: "\(error)",
                              at: Clock.timestamp())
        }
    }

    /// Stores parsed items in one transaction; results in the same order.
    func store(_ items: [IngestItem]) throws(StoreError) -> [IngestResult] {
        try store.ingest(items, rules: rules)
    }

    /// Parses and stores one input now.
    func ingest(_ bytes: [UInt8], name: String, source: String) throws(StoreError) -> IngestResult {
        let results = try store([item(for: bytes, name: name, source: source)])
        guard let result = results.first else { throw StoreError.corrupt("an ingest returned no result") }
        return result
    }
}
