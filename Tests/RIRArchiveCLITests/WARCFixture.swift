import Foundation
import RIRTestSupport
import Testing

/// Whether Python's `warcio` is installed (`pip install warcio`): the WARC tests use it as the judge.
let warcioInstalled: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import warcio"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// Writes WARC files with Python's `warcio`, from a JSON list of records.
enum WARCFixture {
    /// Runs the fixture script on `spec`; returns the byte offset of each named record.
    static func write(_ spec: [String: Any], in folder: URL) throws -> [String: Int] {
        let script = folder.appendingPathComponent("make_warc.py")
        try source.write(to: script, atomically: true, encoding: .utf8)
        let specFile = folder.appendingPathComponent("spec-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: spec).write(to: specFile)
        let result = try run("python3", [script.path, specFile.path])
        guard result.status == 0 else { throw FixtureError(message: "make_warc.py failed: \(result.output)") }
        let offsets = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Int]
        return offsets ?? [:]
    }

    /// Runs a tool found on PATH; returns its exit status and everything it printed.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The script: each record of the spec becomes a warcio record (a truncated one is written by
    /// a second writer and cut to two thirds).
    static let source = #"""
import gzip, io, json, sys, zlib
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

spec = json.load(open(sys.argv[1]))
out = open(spec["output"], "wb")
compress = spec.get("gzip", True)
writer = WARCWriter(out, gzip=compress, warc_version=spec.get("version", "1.1"))
offsets = {}
ids = {}

def response(entry):
    body = open(entry["body"], "rb").read() if "body" in entry else entry.get("text", "").encode()
    headers = [("Content-Type", entry.get("content_type", "text/html; charset=utf-8"))]
    if entry.get("encoding") == "gzip":
        body = gzip.compress(body); headers.append(("Content-Encoding", "gzip"))
    if entry.get("encoding") == "deflate":
        body = zlib.compress(body); headers.append(("Content-Encoding", "deflate"))
    if entry.get("chunked"):
        pieces = [body[i:i + 1000] for i in range(0, len(body), 1000)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
        headers.append(("Transfer-Encoding", "chunked"))
    else:
        headers.append(("Content-Length", str(len(body))))
    http = StatusAndHeaders(entry.get("status", "200 OK"), headers, protocol="HTTP/1.1")
    return writer.create_warc_record(entry["uri"], "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict={"WARC-Date": entry["date"]})

for entry in spec["records"]:
    kind = entry["type"]
    if kind == "warcinfo":
        record = writer.create_warcinfo_record("test.warc.gz", {"software": "warcio test fixture"})
    elif kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "irb.gc.ca")], is_http_request=True)
        record = writer.create_warc_record(entry["uri"], "request", payload=io.BytesIO(b""), http_headers=http,
                                           warc_headers_dict={"WARC-Date": entry["date"]})
    elif kind == "metadata":
        record = writer.create_warc_record(entry["uri"], "metadata", payload=io.BytesIO(b"via: test\r\n"),
                                           warc_content_type="application/warc-fields",
                                           warc_headers_dict={"WARC-Date": entry["date"]})
    elif kind == "resource":
        body = open(entry["body"], "rb").read()
        record = writer.create_warc_record(entry["uri"], "resource", payload=io.BytesIO(body),
                                           warc_content_type=entry.get("content_type", "text/html"),
                                           warc_headers_dict={"WARC-Date": entry["date"]})
    elif kind == "revisit":
        original = ids[entry["refers_to"]]
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_revisit_record(entry["uri"], original.rec_headers.get_header("WARC-Payload-Digest"),
                                              original.rec_headers.get_header("WARC-Target-URI"),
                                              original.rec_headers.get_header("WARC-Date"), http_headers=http)
        record.rec_headers.replace_header("WARC-Date", entry["date"])
        if entry.get("by_id"):
            record.rec_headers.add_header("WARC-Refers-To", original.rec_headers.get_header("WARC-Record-ID"))
    else:
        record = response(entry)
    offsets[entry.get("name", str(len(offsets)))] = out.tell()
    if entry.get("truncate"):
        # The record as another writer would have written it, its block cut short.
        buffer = io.BytesIO()
        WARCWriter(buffer, gzip=False, warc_version=spec.get("version", "1.1")).write_record(record)
        data = buffer.getvalue()
        data = data[: len(data) * 2 // 3]
        out.write(gzip.compress(data) if compress else data)
    else:
        writer.write_record(record)
    if "name" in entry:
        ids[entry["name"]] = record
out.close()
print(json.dumps(offsets))
"""#
}
