import Foundation
import Testing
import RIRTestSupport

/// `fetch --url` against a server nobody here wrote: Debian's nginx on 127.0.0.1, serving an IRB page
/// built from the real GCWeb/SharePoint templates with real ETag and Last-Modified headers.
/// Skipped (with a note) where nginx is not installed; CI installs nginx-light.
@Suite(.serialized) struct NginxFetchTests {
    static let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: nginx != nil, "nginx is not installed (apt-get install nginx-light)"))
    func aRealServersPageIsStoredOnceAcrossChromeOnlyChangesAndAWordMakesARevision() throws {
        let folder = try CLI.temporaryFolder()
        let root = folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let page = root.appendingPathComponent("rir.html")
        let seed = Seeds.text(Seeds.mex201601)
        var gcweb = GCWebPage()
        try gcweb.source(seed).write(to: page, atomically: true, encoding: .utf8)

        let port = 20_000 + Int(getpid() % 20_000)
        let conf = folder.appendingPathComponent("nginx.conf")
        try """
            daemon off; pid \(folder.path)/nginx.pid; error_log \(folder.path)/error.log;
            events { worker_connections 16; }
            http {
              access_log \(folder.path)/access.log;
              client_body_temp_path \(folder.path); proxy_temp_path \(folder.path);
              fastcgi_temp_path \(folder.path); uwsgi_temp_path \(folder.path); scgi_temp_path \(folder.path);
              types { text/html html; }
              server { listen 127.0.0.1:\(port); root \(root.path); etag on; }
            }
            """.write(to: conf, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try #require(Self.nginx))
        server.arguments = ["-c", conf.path, "-p", folder.path, "-e", folder.path + "/error.log"]
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let url = "http://127.0.0.1:\(port)/rir.html"
        // nginx writes its pid file once it listens.
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: folder.path + "/nginx.pid") },
                "nginx did not start")

        let database = folder.appendingPathComponent("archive.db").path
        func fetch() throws -> [String: Any] {
            let result = try CLI.run(["fetch", "--url", url, "--database", database, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        }
        let first = try fetch()
        #expect(first["outcome"] as? String == "new-document" && first["id"] as? String == "MEX201601.E")
        // nginx answers the unchanged file with 304 to the validators of the first fetch.
        #expect(try fetch()["status"] as? Int == 304)

        // Only chrome changes: a new "Date modified", new SharePoint tokens, the share widget.
        gcweb.dateModified = "2026-11-30"
        gcweb.requestDigest = "0x0123456789ABCDEF,30 Nov 2026 08:00:00 -0000"
        gcweb.shareWidgetRendered = true
        Thread.sleep(forTimeInterval: 1.1)  // a new Last-Modified second, so nginx sends a new ETag
        try gcweb.source(seed).write(to: page, atomically: true, encoding: .utf8)
        let chrome = try fetch()
        #expect(chrome["status"] as? Int == 200)
        #expect(chrome["outcome"] as? String == "unchanged" && chrome["revision"] as? Int == 1)

        Thread.sleep(forTimeInterval: 1.1)
        try gcweb.source(seed.replacingOccurrences(of: "Tracking Methods", with: "Tracing Methods"))
            .write(to: page, atomically: true, encoding: .utf8)
        let edited = try fetch()
        #expect(edited["outcome"] as? String == "new-revision" && edited["revision"] as? Int == 2)
        let log = try String(contentsOf: folder.appendingPathComponent("access.log"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 4)
    }
}
