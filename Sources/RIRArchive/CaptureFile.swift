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

    /// Files named by `paths`, folders expanded recursively, in a stable (sorted) order.
    /// Hidden files and partial downloads (`.part`, `.tmp`) are skipped inside folders.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
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
