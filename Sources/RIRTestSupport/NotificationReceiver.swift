import Foundation
import Synchronization

/// Real receivers of notifications on loopback, run by Python: an `aiosmtpd` SMTP server and an HTTP
/// webhook receiver (`http.server`) that checks the `X-RIR-Signature` HMAC with Python's own `hmac`.
///
/// Each mail is parsed by Python's `email` package (RFC 2047 subjects and quoted-printable bodies
/// decoded by it, not by the code under test) and each request is written as one JSON line in the
/// receiver's folder, which the accessors read back.
///
/// ```swift
/// let receiver = try NotificationReceiver(folder: dir, secret: "k3y", failFirst: 2)
/// defer { receiver.stop() }
/// // … configure notify.webhooks[0].url = receiver.webhookURL, notify.email.url = receiver.smtpURL …
/// #expect(receiver.waitFor { $0.mails.count == 1 })
/// ```
public final class NotificationReceiver: Sendable {
    /// Whether `python3 -c "import aiosmtpd"` works (the SMTP half needs it: `pip install aiosmtpd`).
    public static let hasAiosmtpd: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import aiosmtpd"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// One mail as the SMTP server received it and Python's `email` package read it.
    public struct Mail: Sendable {
        /// The envelope sender and recipients.
        public var envelopeFrom: String
        public var envelopeTo: [String]
        /// Decoded headers.
        public var from: String
        public var to: String
        public var subject: String
        public var date: String
        public var messageID: String
        public var contentType: String
        public var transferEncoding: String
        /// The decoded text body.
        public var body: String
    }

    /// One webhook request.
    public struct Webhook: Sendable {
        /// Header values by lower-case name.
        public var headers: [String: String]
        /// The body as received.
        public var body: String
        /// Whether `X-RIR-Signature` is the HMAC-SHA256 of the body under the receiver's secret.
        public var signatureValid: Bool
        /// The status the receiver answered.
        public var status: Int
        /// When it arrived, seconds since the epoch (the receiver's clock).
        public var receivedAt: Double
    }

    /// `http://127.0.0.1:PORT/hook`.
    public let webhookURL: String
    /// `smtp://127.0.0.1:PORT` (nil when `smtp` was false).
    public let smtpURL: String?
    private let folder: String
    private let process: Process

    /// Starts the receivers. The webhook answers 500 to its first `failFirst` requests (every request
    /// when negative), then 200; `secret` is the HMAC key it checks signatures with.
    public init(folder: String, secret: String = "", failFirst: Int = 0, smtp: Bool = true) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let script = folder + "/receiver.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder, secret, String(failFirst), smtp ? "smtp" : "no-smtp"]
        process.standardOutput = FileHandle.nullDevice
        let log = folder + "/receiver.err"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        self.process = process
        let portsFile = folder + "/ports.json"
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: portsFile), Date() < deadline, process.isRunning {
            usleep(20_000)
        }
        guard let data = FileManager.default.contents(atPath: portsFile),
              let ports = try JSONSerialization.jsonObject(with: data) as? [String: Int], let http = ports["http"] else {
            process.terminate()
            let err = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw LoopbackServerError("the Python receivers did not start: \(err)")
        }
        webhookURL = "http://127.0.0.1:\(http)/hook"
        smtpURL = ports["smtp"].map { "smtp://127.0.0.1:\($0)" }
    }

    /// Stops the receivers. SIGKILL: a test process may block or ignore SIGTERM, and its children
    /// inherit that.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The mails received so far, in order.
    public var mails: [Mail] {
        lines("mail.jsonl").map { object in
            Mail(envelopeFrom: object["mail_from"] as? String ?? "", envelopeTo: object["rcpt_tos"] as? [String] ?? [],
                 from: object["from"] as? String ?? "", to: object["to"] as? String ?? "",
                 subject: object["subject"] as? String ?? "", date: object["date"] as? String ?? "",
                 messageID: object["message_id"] as? String ?? "",
                 contentType: object["content_type"] as? String ?? "",
                 transferEncoding: object["transfer_encoding"] as? String ?? "",
                 body: object["body"] as? String ?? "")
        }
    }

    /// The webhook requests received so far, in order (those answered 500 too).
    public var webhooks: [Webhook] {
        lines("webhook.jsonl").map { object in
            Webhook(headers: object["headers"] as? [String: String] ?? [:], body: object["body"] as? String ?? "",
                    signatureValid: object["signature_valid"] as? Bool ?? false, status: object["status"] as? Int ?? 0,
                    receivedAt: object["at"] as? Double ?? 0)
        }
    }

    /// Waits (at most `seconds`) until `condition` holds of the receiver.
    public func waitFor(within seconds: Double = 15, _ condition: (NotificationReceiver) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(50_000)
        }
        return condition(self)
    }

    private func lines(_ name: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    private static let script = #"""
    import asyncio, email, email.policy, hashlib, hmac, json, os, signal, socket, sys, threading, time
    # The test process may have blocked or ignored SIGTERM; this process must die of it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

    folder, secret, fail_first, smtp = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), sys.argv[4] == "smtp"
    lock = threading.Lock()
    requests = [0]

    def append(name, record):
        with lock:
            with open(os.path.join(folder, name), "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                requests[0] += 1
                n = requests[0]
            status = 500 if fail_first < 0 or n <= fail_first else 200
            expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
            given = self.headers.get("X-RIR-Signature", "")
            append("webhook.jsonl", {"headers": {k.lower(): v for k, v in self.headers.items()},
                                     "body": body.decode("utf-8"), "status": status, "at": time.time(),
                                     "signature_valid": bool(secret) and hmac.compare_digest(given, expected)})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
        def log_message(self, *args):
            pass

    http = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    ports = {"http": http.server_address[1]}

    if smtp:
        from aiosmtpd.controller import Controller
        class Handler:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                append("mail.jsonl", {
                    "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                    "from": str(message["From"]), "to": str(message["To"]), "subject": str(message["Subject"]),
                    "date": str(message["Date"]), "message_id": str(message["Message-ID"]),
                    "content_type": message.get_content_type() + "; charset=" + str(message.get_content_charset()),
                    "transfer_encoding": str(message["Content-Transfer-Encoding"]),
                    "body": message.get_content()})
                return "250 Message accepted for delivery"
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        controller.start()
        ports["smtp"] = port

    with open(os.path.join(folder, "ports.tmp"), "w") as f:
        json.dump(ports, f)
    os.rename(os.path.join(folder, "ports.tmp"), os.path.join(folder, "ports.json"))
    threading.Event().wait()
    """#
}
