import RIRConfig
import RIRModel
import RIRRetention
import RIRStore

/// What can go wrong in a use case, and whose failure it is.
///
/// ``scope`` tells a caller what to do: a ``Scope/document`` failure is recorded and the run goes on;
/// a ``Scope/request`` failure answers the one request (an unknown report, a missing section); an
/// ``Scope/archive`` failure means the archive itself cannot be used, and a long-running caller stops.
public enum ArchiveError: Error, Sendable, CustomStringConvertible {
    /// An input could not be read.
    case input(InputError)
    /// The archive database failed, or the request named something it does not hold.
    case store(StoreError)
    /// The configuration cannot be used.
    case config(String)
    /// An export (before a purge, or on request) could not be written or did not check.
    case export(ExportError)
    /// The request cannot be answered as asked (nothing to diff, no such section).
    case request(String)
    /// A backup could not be written or its copy did not verify (the archive itself is untouched).
    case backup(BackupError)

    /// Whose failure it is.
    public enum Scope: Sendable, Hashable {
        /// One document's: record it and go on.
        case document
        /// One request's: answer it with the message.
        case request
        /// The archive's: stop (a daemon exits non-zero so that systemd shows it).
        case archive
    }

    /// Whose failure this is.
    public var scope: Scope {
        switch self {
        case .input: .document
        case .store(let error): error.isAboutRequest ? .request : .archive
        case .config, .export: .archive
        case .request, .backup: .request
        }
    }

    /// Whether the same call may succeed later without a change (a full disk, a busy database).
    public var isTransient: Bool {
        if case .store(let error) = self { return error.isTransient }
        return false
    }

    /// Whether a long-running service must stop on it: the archive itself failed, and waiting
    /// will not mend it.
    public var stopsService: Bool { scope == .archive && !isTransient }

    public var description: String {
        switch self {
        case .input(let error): error.description
        case .store(let error): error.description
        case .config(let message): message
        case .export(let error): error.description
        case .request(let message): message
        case .backup(let error): error.description
        }
    }
}

/// An input that cannot be read.
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// The file exists but cannot be read.
    case unreadable(path: String, cause: String)
    /// The file is larger than `ingest.max_bytes`.
    case tooLarge(path: String, size: Int, limit: Int)
    /// Nothing is at the path.
    case notFound(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let cause): "cannot read \(path): \(cause)"
        case .tooLarge(let path, let size, let limit):
            "cannot parse \(path): the input is \(size) bytes, over the \(limit)-byte cap\nhint: raise ingest.max_bytes if this really is one report"
        case .notFound(let path): "cannot read \(path): no such file or folder"
        }
    }
}

/// An export that cannot be written, or whose check failed.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// A file or folder could not be written.
    case cannotWrite(path: String, cause: String)
    /// What was read back differs from what was written.
    case mismatch(path: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let cause): "cannot export to \(path): \(cause); nothing was purged"
        case .mismatch(let path): "export check failed: \(path) does not hold what was written; nothing was purged"
        }
    }
}

extension RetentionPolicy {
    /// The policy the configuration describes.
    init(_ settings: ArchiveConfig.Retention) throws(ArchiveError) {
        do {
            try self.init(years: settings.years, warnDays: settings.warnDays,
                          maxPurgeFraction: settings.maxPurgeFraction)
        } catch {
            throw .config("\(error)")
        }
    }
}

/// Runs a store call, turning its error into an ``ArchiveError``.
@inline(__always) @discardableResult
func stored<T>(_ body: () throws(StoreError) -> T) throws(ArchiveError) -> T {
    do { return try body() } catch { throw .store(error) }
}
