import Foundation
import RIRTestSupport
import Testing

/// WARC in and out, with Python's `warcio` as the judge: it writes the WARCs ingested, and checks
/// the ones exported.
@Suite(.enabled(if: warcioInstalled, "Python warcio is not installed (pip install warcio)"))
struct WARCCLITests {
    static let rirURL = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458123"

    /// Three dated captures of an IRB page (the second changes only chrome, the third a word), a
    /// revisit of the first, an image, a script, another page, request/metadata/warcinfo records and
    /// a truncated record; returns the file and the truncated record's offset.
    static func seededWARC(in folder: URL, gzip: Bool = true) throws -> (path: String, truncatedAt: Int) {
        let seed = Seeds.text(Seeds.mex201601)
        var page = GCWebPage()
        let first = folder.appendingPathComponent("first.html")
        try page.source(seed).write(to: first, atomically: true, encoding: .utf8)
        page.dateModified = "2024-06-01"
        page.requestDigest = "0x0123456789ABCDEF,01 Jun 2024 08:00:00 -0000"
        page.shareWidgetRendered = true
        let chrome = folder.appendingPathComponent("chrome.html")
        try page.source(seed).write(to: chrome, atomically: true, encoding: .utf8)
        let edited = folder.appendingPathComponent("edited.html")
        try page.source(seed.replacingOccurrences(of: "Tracking Methods", with: "Tracing Methods"))
            .write(to: edited, atomically: true, encoding: .utf8)
        let image = folder.appendingPathComponent("logo.png")
        try Data([0x89, 0x50, 0x4E, 0x47] + Array(repeating: 7, count: 3000)).write(to: image)
        let other = folder.appendingPathComponent("other.html")
        try "<html><body><p>News release: the Board publishes its annual report.</p></body></html>"
            .write(to: other, atomically: true, encoding: .utf8)

        let path = folder.appendingPathComponent(gzip ? "seed.warc.gz" : "seed.warc").path
        let offsets = try WARCFixture.write([
            "output": path, "gzip": gzip,
            "records": [
                ["type": "warcinfo"],
                ["type": "request", "uri": rirURL, "date": "2024-01-10T08:00:00Z"],
                ["type": "response", "name": "first", "uri": rirURL, "date": "2024-01-10T08:00:01Z", "body": first.path],
                ["type": "response", "uri": "https://irb.gc.ca/logo.png", "date": "2024-01-10T08:00:02Z",
                 "body": image.path, "content_type": "image/png"],
                ["type": "response", "uri": "https://irb.gc.ca/app.js", "date": "2024-01-10T08:00:03Z",
                 "text": "var x = 1;", "content_type": "application/javascript"],
                ["type": "response", "uri": "https://irb.gc.ca/en/news/index.html", "date": "2024-01-10T08:00:04Z",
                 "body": other.path],
                ["type": "metadata", "uri": rirURL, "date": "2024-01-10T08:00:05Z"],
                ["type": "response", "uri": rirURL + "&pls=1", "date": "2024-06-01T09:00:00Z", "body": chrome.path,
                 "encoding": "gzip", "chunked": true],
                ["type": "revisit", "uri": rirURL, "date": "2024-09-01T10:00:00Z", "refers_to": "first"],
                ["type": "response", "name": "truncated", "uri": rirURL, "date": "2024-10-01T00:00:00Z",
                 "body": edited.path, "truncate": true],
                ["type": "response", "uri": rirURL, "date": "2025-02-01T11:00:00.250Z", "body": edited.path,
                 "encoding": "deflate"],
            ],
        ], in: folder)
        return (path, offsets["truncated"] ?? -1)
    }

    static func history(_ database: String) throws -> [[String: Any]] {
        let result = try CLI.run(["history", "MEX201601.E", "--format", "json", "--database", database])
        return try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] ?? []
    }

    @Test(arguments: [true, false])
    func threeDatedCapturesOneChromeOnlyBecomeTwoRevisionsAtTheirDatesAndTheBrokenRecordIsReported(gzip: Bool) throws {
        let folder = try CLI.temporaryFolder()
        let (warc, truncatedAt) = try Self.seededWARC(in: folder, gzip: gzip)
        let database = folder.appendingPathComponent("archive.db").path
        let result = try CLI.run(["ingest", warc, "--format", "json", "--database", database, "--as-of", "2026-11-22"])
        #expect(result.status == 65, "a broken record is a rejected input")
        let lines = try result.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let summary = try #require(lines.last)
        #expect(summary["warc"] as? String == warc)
        #expect(summary["records"] as? Int == 11)
        #expect(summary["captures"] as? Int == 4)
        #expect(summary["rejected"] as? Int == 1)
        #expect(summary["skipped"] as? Int == 6, "warcinfo, request, image, script, other page, metadata")
        let outcomes = lines.dropLast().compactMap { $0["outcome"] as? String }
        #expect(outcomes == ["new-document", "unchanged", "unchanged", "rejected", "new-revision"])
        let rejected = try #require(lines.first { $0["outcome"] as? String == "rejected" })
        let reason = rejected["reason"] as? String ?? ""
        #expect(reason.contains("offset \(truncatedAt)"), "\(reason)")
        #expect((rejected["file"] as? String)?.hasPrefix("\(warc)@\(truncatedAt)") == true)

        let revisions = try Self.history(database)
        #expect(revisions.count == 2)
        #expect(revisions.first?["first_seen"] as? String == "2024-01-10T08:00:01Z")
        #expect(revisions.first?["last_seen"] as? String == "2024-09-01T10:00:00Z")
        #expect(revisions.last?["first_seen"] as? String == "2025-02-01T11:00:00Z")
        let sources = revisions.flatMap { ($0["captures"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String } }
        #expect(Set(sources) == ["https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458123"],
                "sources are canonical URLs, the print-layout switch dropped")

        let text = try CLI.run(["ingest", warc, "--database", folder.appendingPathComponent("text.db").path,
                                "--as-of", "2026-11-22"])
        #expect(text.lines.contains { $0.contains("\(warc): 11 records, 4 captures, 6 skipped, 1 rejected") }, "\(text.text)")
    }

    @Test func anExportedWARCPassesWarcioCheckAndReingestsIntoTheSameTimeline() throws {
        let folder = try CLI.temporaryFolder()
        let (warc, _) = try Self.seededWARC(in: folder)
        let database = folder.appendingPathComponent("archive.db").path
        try CLI.run(["ingest", warc, "--database", database, "--as-of", "2026-11-22"])
        // A capture that came as a file: exported as a resource record.
        let file = folder.appendingPathComponent("MEX201603.E.txt").path
        try Data(contentsOf: URL(fileURLWithPath: CLI.seed(Seeds.mex201603))).write(to: URL(fileURLWithPath: file))
        #expect(try CLI.run(["ingest", file, "--database", database, "--captured-at", "2024-03-01",
                             "--as-of", "2026-11-22"]).status == 0)

        let exported = folder.appendingPathComponent("out.warc.gz").path
        let export = try CLI.run(["export", "--warc", exported, "--database", database, "--format", "json"])
        #expect(export.status == 0, "\(export.stderr)")
        let summary = try JSONSerialization.jsonObject(with: export.stdout) as? [String: Any] ?? [:]
        #expect(summary["captures"] as? Int == 5 && summary["records"] as? Int == 11)

        let check = try WARCFixture.run("warcio", ["check", "-v", exported])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.components(separatedBy: "digest pass").count - 1 == 11, "every record's digests verified: \(check.output)")
        let index = try WARCFixture.run("warcio", ["index", "-f", "warc-type,warc-target-uri,offset", exported])
        #expect(index.status == 0)
        let types = index.output.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.compactMap { $0["warc-type"] as? String }
        #expect(types.count == 11)
        #expect(types.first == "warcinfo")
        #expect(types.filter { $0 == "response" }.count == 4 && types.filter { $0 == "resource" }.count == 1)
        #expect(types.filter { $0 == "metadata" }.count == 5)

        let recent = folder.appendingPathComponent("recent.warc.gz").path
        let since = try CLI.run(["export", "--warc", recent, "MEX201601.E", "--since", "2025-01-01",
                                 "--database", database])
        #expect(since.status == 0 && since.text.contains("1 captures of 1 reports, 3 records"), "\(since.text)")
        let unknown = try CLI.run(["export", "--warc", recent, "ZZZ999999.E", "--database", database])
        #expect(unknown.status == 66, "\(unknown.stderr)")

        let copy = folder.appendingPathComponent("copy.db").path
        let again = try CLI.run(["ingest", exported, "--database", copy, "--as-of", "2026-11-22"])
        #expect(again.status == 0, "\(again.text)")
        for id in ["MEX201601.E", "MEX201603.E"] {
            func timeline(_ database: String) throws -> [[String: String]] {
                let result = try CLI.run(["history", id, "--format", "json", "--database", database])
                let revisions = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] ?? []
                return revisions.flatMap { revision in
                    (revision["captures"] as? [[String: Any]] ?? []).map { capture in
                        ["revision": "\(revision["revision"] ?? "")", "content_hash": "\(revision["content_hash"] ?? "")",
                         "first_seen": "\(revision["first_seen"] ?? "")", "sha256": "\(capture["sha256"] ?? "")",
                         "captured_at": "\(capture["captured_at"] ?? "")"]
                    }
                }
            }
            let original = try timeline(database)
            #expect(!original.isEmpty)
            #expect(try timeline(copy) == original, "\(id) re-ingested from the export")
        }
    }
}
