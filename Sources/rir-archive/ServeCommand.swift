import ArgumentParser
import Dispatch
import Foundation
import RIRArchive
import RIRWeb

/// `rir-archive serve`: the read-only web interface (pages, Atom feeds, Memento).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the read-only web interface: pages, Atom feeds and Memento (opens the archive read-only).",
        discussion: """
        Listens on web.listen (default 127.0.0.1:8080). web.base_url is the public URL behind a reverse \
        proxy (absolute links in feeds and Memento headers); web.users turns on HTTP Basic authentication. \
        Stops on SIGTERM or SIGINT.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Option(help: ArgumentHelp("HOST:PORT to listen on (default: web.listen).", valueName: "host:port"))
    var listen: String?

    func run() throws {
        let config = try archive.resolvedConfig()
        let opened = try Archive.open(config, access: .readOnlyAsIs)
        let settings: WebSettings
        do {
            settings = try WebSettings(config.web, listen: listen)
        } catch {
            throw ArchiveError.config(error.description)
        }
        let site = try WebSite(archive: opened, settings: settings)
        // The root command is synchronous (the daemon's Dispatch main loop needs it so); the server
        // runs on Swift concurrency while this thread waits for it to stop.
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await site.run()
            } catch {
                outcome.fail("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure { throw ArchiveError.config(WebError.server(failure).description) }
    }
}

/// How the server ended, handed from its task to the waiting command.
final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func fail(_ text: String) { lock.withLock { message = text } }
    var failure: String? { lock.withLock { message } }
}
