import Foundation
import Glibc
import RIRModel

/// Reading capture files from disk: the size cap is checked before anything is read.
public enum CaptureFile {
    /// The bytes of the file at `path`, refused when larger than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int) throws(InputError) -> [UInt8] {
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

    /// An entry inside a folder that was not ingested, and why.
    public struct Skipped: Sendable, Hashable {
        /// The path, escaped for display (a name that is not UTF-8 is shown with `\xNN`).
        public var path: String
        /// Why it was skipped.
        public var reason: String
    }

    /// The files to ingest from `paths`, and what inside their folders was skipped.
    public struct Expansion: Sendable, Hashable {
        /// Files named by the paths, folders expanded recursively, in a stable (sorted) order.
        public var files: [String]
        /// Entries inside folders that are not files to read: symlinks (never followed), FIFOs,
        /// devices, sockets, names that are not UTF-8.
        public var skipped: [Skipped]
    }

    /// Files named by `paths`, folders expanded recursively, in a stable (sorted) order.
    /// Hidden files and partial downloads (`.part`, `.tmp`) are skipped inside folders.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        try scan(paths).files
    }

    /// Files named by `paths` (a path named explicitly is taken as given), folders walked
    /// recursively without following links; hidden entries and partial downloads (`.part`, `.tmp`)
    /// are left out in silence, and every other entry that is not a regular file is in `skipped`.
    public static func scan(_ paths: [String]) throws(InputError) -> Expansion {
        var expansion = Expansion(files: [], skipped: [])
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .notFound(path: path)
            }
            guard isDirectory.boolValue else { expansion.files.append(path); continue }
            var found: [String] = []
            try walk(Array(path.utf8), into: &found, skipped: &expansion.skipped)
            expansion.files += found.sorted()
        }
        expansion.skipped.sort { $0.path < $1.path }
        return expansion
    }

    /// Reads a folder by raw names (so that a name that is not UTF-8 is seen, not dropped) with
    /// `lstat`, never following a link.
    private static func walk(_ folder: [UInt8], into files: inout [String],
                             skipped: inout [Skipped]) throws(InputError) {
        let folderText = String(decoding: folder, as: UTF8.self)
        guard let dir = (folder + [0]).withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }) else {
            throw .unreadable(path: folderText, cause: String(cString: strerror(errno)))
        }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        closedir(dir)
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard name.first != UInt8(ascii: ".") else { continue }
            // `seeds/` and `seeds` name the same folder: never print `seeds//NAME`.
            let path = (folder.last == UInt8(ascii: "/") ? folder : folder + [UInt8(ascii: "/")]) + name
            guard let text = String(validating: path, as: UTF8.self) else {
                skipped.append(Skipped(path: EscapedName.escape(bytes: path), reason: "its name is not valid UTF-8"))
                continue
            }
            var info = stat()
            guard lstat(text, &info) == 0 else {
                skipped.append(Skipped(path: EscapedName.escape(text),
                                       reason: "cannot be read: \(String(cString: strerror(errno)))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(path, into: &files, skipped: &skipped)
            case S_IFREG:
                if !text.hasSuffix(".part"), !text.hasSuffix(".tmp") { files.append(text) }
            case S_IFLNK:
                skipped.append(Skipped(path: EscapedName.escape(text),
                                       reason: "it is a symbolic link (links inside a folder are never followed)"))
            case S_IFIFO:
                skipped.append(Skipped(path: EscapedName.escape(text), reason: "it is a FIFO (named pipe), not a file"))
            case S_IFCHR, S_IFBLK:
                skipped.append(Skipped(path: EscapedName.escape(text), reason: "it is a device, not a file"))
            case S_IFSOCK:
                skipped.append(Skipped(path: EscapedName.escape(text), reason: "it is a socket, not a file"))
            default:
                skipped.append(Skipped(path: EscapedName.escape(text), reason: "it is not a regular file"))
            }
        }
    }

    /// The identity of a file and its content, stable across renames on one file system:
    /// `sha256:HEX size:N dev:D ino:I mtime:SECONDS.NANOSECONDS`.
    public static func identity(of path: String, bytes: [UInt8]) -> String {
        var info = stat()
        let digest = SHA256Hex.digest(of: bytes)
        guard lstat(path, &info) == 0 else { return "sha256:\(digest) size:\(bytes.count)" }
        return "sha256:\(digest) size:\(bytes.count) dev:\(info.st_dev) ino:\(info.st_ino) "
            + "mtime:\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The last component of a path.
    static func name(of path: String) -> String { (path as NSString).lastPathComponent }
}
