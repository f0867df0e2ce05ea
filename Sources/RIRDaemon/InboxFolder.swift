#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import RIRModel

/// The inbox on disk: dropped files at its top, and the folders a file moves through.
///
/// A file is claimed by renaming it, under the same name, into `.claimed/`; after the ingest it moves
/// to `processed/` or to `rejected/` beside `NAME.reason`. Every move is followed by an fsync of both
/// folders. Only the daemon writes into these folders, so a name checked free stays free.
public struct InboxFolder: Sendable, Hashable {
    /// The inbox folder.
    public let root: String

    /// Names inside the inbox that belong to the daemon.
    public static let claimedFolderName = ".claimed"
    /// Folder of stored captures.
    public static let processedFolderName = "processed"
    /// Folder of rejected captures and their `.reason` files.
    public static let rejectedFolderName = "rejected"

    /// Creates the value for the inbox at `root` (nothing is touched on disk).
    public init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// Folder of claimed files (being ingested, or waiting for a retry).
    public var claimedFolder: String { "\(root)/\(Self.claimedFolderName)" }
    /// Folder of stored captures.
    public var processedFolder: String { "\(root)/\(Self.processedFolderName)" }
    /// Folder of rejected captures.
    public var rejectedFolder: String { "\(root)/\(Self.rejectedFolderName)" }

    /// Whether a dropped file of this name is ingested: not a dotfile, not `.part` or `.tmp`,
    /// not one of the daemon's folders.
    public static func isCandidate(name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".part") && !name.hasSuffix(".tmp")
            && name != processedFolderName && name != rejectedFolderName && !name.contains("/")
    }

    // MARK: - Layout

    /// Creates the inbox (its parent must exist) and its folders; returns nil, or why it cannot.
    func prepare() -> DaemonError? {
        for folder in [root, claimedFolder, processedFolder, rejectedFolder] {
            if let reason = POSIX.makeDirectory(folder) {
                return .inbox(operation: "create the folder", path: folder, reason: reason)
            }
        }
        return nil
    }

    /// One entry at the top of the inbox that is the daemon's to handle.
    enum Entry: Hashable {
        /// A name that is valid UTF-8 (a regular file to ingest, or an odd entry to reject).
        case named(String)
        /// A name that is not valid UTF-8: it is rejected under its escaped form.
        case undecodable([UInt8])
    }

    /// The entries waiting at the top of the inbox (files, and odd entries to reject: links,
    /// FIFOs, devices, sockets, folders, undecodable names), in byte order of their names.
    /// Dotfiles, partial files and the daemon's own folders are left alone.
    ///
    /// With `settledBefore`, only entries unchanged since that time (seconds since the epoch) are
    /// given: a periodic rescan must not claim a file that is still being written.
    func waitingEntries(settledBefore: Int? = nil) -> Result<[Entry], DaemonError> {
        POSIX.directoryEntries(root).map { names in
            names.sorted { $0.lexicographicallyPrecedes($1) }.compactMap { bytes -> Entry? in
                guard bytes.first != UInt8(ascii: ".") else { return nil }
                let entry: Entry
                if let name = String(validating: bytes, as: UTF8.self) {
                    guard Self.isCandidate(name: name) else { return nil }
                    entry = .named(name)
                } else {
                    entry = .undecodable(bytes)
                }
                guard let info = POSIX.entryInfo(bytes: Array(root.utf8) + [UInt8(ascii: "/")] + bytes) else {
                    return nil
                }
                if let settledBefore, info.changed >= settledBefore { return nil }
                return entry
            }
        }
    }

    // MARK: - Odd entries

    /// Why an entry of this `lstat` type is not ingested, or nil for a regular file.
    static func oddness(of type: mode_t) -> String? {
        switch type {
        case S_IFREG: nil
        case S_IFLNK: "it is a symbolic link (links are never followed; drop the file itself)"
        case S_IFDIR: "it is a folder (drop the files themselves, not a folder of them)"
        case S_IFIFO: "it is a FIFO (named pipe), not a file"
        case S_IFCHR, S_IFBLK: "it is a device, not a file"
        case S_IFSOCK: "it is a socket, not a file"
        default: "it is not a regular file"
        }
    }

    /// The path of an entry at the top of the inbox, as bytes.
    func path(of entry: Entry) -> [UInt8] {
        let name: [UInt8]
        switch entry {
        case .named(let text): name = Array(text.utf8)
        case .undecodable(let bytes): name = bytes
        }
        return Array(root.utf8) + [UInt8(ascii: "/")] + name
    }

    /// The reason given for a name that is not valid UTF-8.
    static let undecodableReason = "its name is not valid UTF-8 (rejected under its escaped name)"

    /// Files left claimed by a failed ingest or a crash, in byte order of their names.
    func claimedNames() -> Result<[String], DaemonError> {
        POSIX.directoryNames(claimedFolder).map { names in
            names.filter { !$0.hasPrefix(".") && POSIX.fileType("\(claimedFolder)/\($0)") == S_IFREG }
                .sorted(by: Self.byteOrder)
        }
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    // MARK: - Moves

    /// What became of an attempt to claim a file.
    enum Claim: Equatable {
        /// The file is now at this path in `.claimed/`.
        case claimed(path: String)
        /// The file is gone, or is not a regular file.
        case gone
        /// A file of the same name is still claimed; try again once it has left.
        case nameInUse
    }

    /// Renames `name` from the top of the inbox into `.claimed/`, keeping its name.
    func claim(_ name: String) throws(DaemonError) -> Claim {
        let source = "\(root)/\(name)"
        guard POSIX.fileType(source) == S_IFREG else { return .gone }
        let target = "\(claimedFolder)/\(name)"
        if POSIX.exists(target) { return .nameInUse }
        guard rename(source, target) == 0 else {
            if errno == ENOENT { return .gone }
            throw .inbox(operation: "claim", path: source, reason: POSIX.lastError)
        }
        POSIX.syncDirectory(root)
        POSIX.syncDirectory(claimedFolder)
        return .claimed(path: target)
    }

    /// Moves a claimed file to `processed/` (a free name, see ``freeName(for:in:)``) and returns its new path.
    func moveToProcessed(_ name: String) throws(DaemonError) -> String {
        let finalName = freeName(for: name, in: processedFolder)
        return try move(name, to: processedFolder, as: finalName)
    }

    /// Writes `rejected/NAME.reason`, then moves the claimed file beside it; returns the file's new path.
    func moveToRejected(_ name: String, reason: String) throws(DaemonError) -> String {
        let finalName = rejectedName(for: name)
        try writeDurably(Self.reasonText(name: EscapedName.escape(name), reason: reason),
                         to: "\(rejectedFolder)/\(finalName).reason")
        return try move(name, to: rejectedFolder, as: finalName)
    }

    /// Moves an odd entry (not a regular file, or a name that is not UTF-8) from the top of the inbox
    /// straight to `rejected/` beside its `.reason`; the entry itself is never opened or followed.
    /// Returns its new path, or nil when it was gone.
    func rejectInPlace(_ entry: Entry, reason: String) throws(DaemonError) -> String? {
        let bytes: [UInt8]
        let shown: String
        switch entry {
        case .named(let name):
            bytes = Array(name.utf8)
            shown = EscapedName.escape(name)
        case .undecodable(let raw):
            bytes = raw
            shown = EscapedName.escape(bytes: raw)
        }
        // A name that is not UTF-8, or holds control characters, is kept under its escaped form.
        let finalName = rejectedName(for: shown.isEmpty ? "unnamed" : shown)
        let reasonPath = "\(rejectedFolder)/\(finalName).reason"
        try writeDurably(Self.reasonText(name: shown, reason: reason), to: reasonPath)
        let source = Array(root.utf8) + [UInt8(ascii: "/")] + bytes
        guard POSIX.rename(source, Array("\(rejectedFolder)/\(finalName)".utf8)) else {
            let code = errno
            unlink(reasonPath)
            if code == ENOENT { return nil }
            throw .inbox(operation: "move", path: "\(root)/\(shown)", reason: "to \(rejectedFolder): \(POSIX.message(code))")
        }
        POSIX.syncDirectory(root)
        POSIX.syncDirectory(rejectedFolder)
        return "\(rejectedFolder)/\(finalName)"
    }

    /// The `.reason` file: three `key: value` lines, the values escaped (a line break in a name or a
    /// message is written `\n`) so that nothing in a name can forge a line.
    static func reasonText(name: String, reason: String) -> String {
        "outcome: rejected\nfile: \(name)\nreason: \(EscapedName.escape(reason))\n"
    }

    private func move(_ name: String, to folder: String, as finalName: String) throws(DaemonError) -> String {
        let source = "\(claimedFolder)/\(name)"
        let target = "\(folder)/\(finalName)"
        guard rename(source, target) == 0 else {
            throw .inbox(operation: "move", path: source, reason: "to \(folder): \(POSIX.lastError)")
        }
        POSIX.syncDirectory(claimedFolder)
        POSIX.syncDirectory(folder)
        return target
    }

    /// The name in `rejected/`: `name` when no file of that name is there (a `.reason` alone is what a
    /// stop between writing it and moving the file left: it is rewritten), else a free numbered name.
    func rejectedName(for name: String) -> String {
        POSIX.exists("\(rejectedFolder)/\(name)") ? freeName(for: name, in: rejectedFolder, alsoFree: ".reason") : name
    }

    /// `name` if nothing of that name is in `folder`, else `name` with `-1`, `-2`, … before a short
    /// lower-case extension (`MEX201601.E-1.txt`) or at the end (`MEX201601.E-1`), so the ID stays readable.
    func freeName(for name: String, in folder: String, alsoFree companion: String? = nil) -> String {
        func isFree(_ candidate: String) -> Bool {
            !POSIX.exists("\(folder)/\(candidate)")
                && !(companion.map { POSIX.exists("\(folder)/\(candidate)\($0)") } ?? false)
        }
        if isFree(name) { return name }
        var stem = Substring(name)
        var ext = Substring("")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let candidate = name[name.index(after: dot)...]
            if (1...5).contains(candidate.count),
               candidate.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) {
                stem = name[..<dot]
                ext = name[dot...]
            }
        }
        var counter = 1
        while !isFree("\(stem)-\(counter)\(ext)") { counter += 1 }
        return "\(stem)-\(counter)\(ext)"
    }

    private func writeDurably(_ text: String, to path: String) throws(DaemonError) {
        let slash = path.lastIndex(of: "/")!
        let temporary = "\(path[..<slash])/.\(path[path.index(after: slash)...]).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .inbox(operation: "write", path: temporary, reason: POSIX.lastError) }
        let written = POSIX.writeAll(fd, Array(text.utf8)) && fsync(fd) == 0
        let reason = POSIX.lastError
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .inbox(operation: "write", path: path, reason: written ? POSIX.lastError : reason)
        }
    }
}

extension InboxFolder.Entry {
    /// Whether the daemon handles it: a name that is not UTF-8 always, a name that is only when it
    /// is a candidate (not a dotfile, a partial file or one of the daemon's folders).
    var isCandidate: Bool {
        switch self {
        case .named(let name): InboxFolder.isCandidate(name: name)
        case .undecodable(let bytes): bytes.first != UInt8(ascii: ".")
        }
    }

    /// The name as logs and `.reason` files show it.
    var escaped: String {
        switch self {
        case .named(let name): EscapedName.escape(name)
        case .undecodable(let bytes): EscapedName.escape(bytes: bytes)
        }
    }
}
