import RIRDiff
import RIRModel

/// What a person reads about one event: a subject and a plain-text body, in the report's language.
public struct NotificationMessage: Sendable, Hashable {
    /// The event told of.
    public var event: NotificationEvent
    /// The language of the wording (the report's; English for events about no one report).
    public var language: Language
    /// The subject line (mail subject, chat title).
    public var subject: String
    /// The plain-text body, lines separated by `\n`, ending with one.
    public var text: String
    /// A link to the web page about it, when a base URL is configured.
    public var link: String?
}

extension NotificationMessage {
    /// The message about `event`, linking into the web pages under `baseURL` when given.
    public init(_ event: NotificationEvent, baseURL: String? = nil) {
        let payload = event.payload
        let language = payload.language.flatMap(Language.init(rawValue:)) ?? .en
        let words = Wording(language)
        let id = event.reportID ?? ""
        let title = payload.title.map { " — \($0)" } ?? ""
        var lines: [String] = []
        let subject: String
        var path: String?
        switch event.kind {
        case .newReport:
            subject = "\(words.newReport): \(id)\(title)"
            lines.append(words.newReportLine(id))
            path = "/reports/\(id)"
        case .newRevision:
            let revision = payload.revision ?? 0
            subject = "\(words.newRevision(revision)): \(id)\(title)"
            lines.append(words.newRevisionLine(id, revision, previous: payload.previousRevision))
            if let same = payload.sameContentAs { lines.append(words.sameContent(same)) }
            if let summary = payload.diffSummary { lines.append(words.changesLine(summary)) }
            if let previous = payload.previousRevision {
                path = "/reports/\(id)/diff?from=\(previous)&to=\(revision)"
            } else {
                path = "/reports/\(id)/revisions/\(revision)"
            }
        case .gone:
            subject = "\(words.gone): \(id)\(title)"
            lines.append(words.goneLine(id, payload.source ?? "?", payload.reason ?? ""))
            path = "/reports/\(id)"
        case .expiring:
            let entries = payload.expiring ?? []
            subject = words.expiringSubject(entries.count)
            lines.append(words.expiringLine)
            lines += entries.map { "  \($0.id)  \($0.expires)  \($0.title)" }
            path = "/expiring"
        case .sweep:
            subject = "\(words.sweep): \(payload.summary ?? "")"
            lines.append(payload.summary ?? "")
            path = "/audit"
        case .rejected:
            subject = "\(words.rejected): \(event.reportID ?? payload.source ?? "?")"
            lines.append(words.rejectedLine(payload.source ?? "?"))
            if let reason = payload.reason { lines.append("\(words.reason): \(reason)") }
        case .test:
            subject = words.test
            lines.append(words.testLine)
        }
        if let title = payload.title, event.kind != .rejected { lines.insert("\(words.titleLabel): \(title)", at: 1) }
        if let source = payload.source, [.newReport, .newRevision].contains(event.kind) {
            lines.append("\(words.source): \(source)")
        }
        lines.append("\(words.when): \(event.at)")
        let link = baseURL.flatMap { base in path.map { Self.join(base, $0) } }
        if let link { lines += ["", link] }
        lines += ["", "-- ", "rir-archive"]
        self.init(event: event, language: language, subject: subject, text: lines.joined(separator: "\n") + "\n",
                  link: link)
    }

    /// The diff summary line of a new revision in `language`: `2 modified, 1 added, 10 unchanged`.
    public static func diffSummaryText(_ summary: DiffSummary, language: Language) -> String {
        Wording(language).diffSummary(summary)
    }

    private static func join(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}

/// The words of the messages in English and French.
struct Wording {
    let language: Language
    init(_ language: Language) { self.language = language }

    private func pick(_ en: String, _ fr: String) -> String { language == .fr ? fr : en }

    var newReport: String { pick("New report", "Nouvelle réponse") }
    func newReportLine(_ id: String) -> String {
        pick("\(id) is in the archive for the first time.", "\(id) entre dans l’archive pour la première fois.")
    }
    func newRevision(_ n: Int) -> String { pick("Revision \(n)", "Révision \(n)") }
    func newRevisionLine(_ id: String, _ n: Int, previous: Int?) -> String {
        guard let previous else { return pick("\(id) has a new revision \(n).", "\(id) a une nouvelle révision \(n).") }
        return pick("\(id) has a new revision \(n) (compared with revision \(previous)).",
                    "\(id) a une nouvelle révision \(n) (comparée à la révision \(previous)).")
    }
    func sameContent(_ n: Int) -> String {
        pick("Its content is the same as revision \(n).", "Son contenu est identique à celui de la révision \(n).")
    }
    func changesLine(_ summary: String) -> String { pick("Sections: \(summary)", "Sections : \(summary)") }

    /// `2 modified, 1 added, 10 unchanged` (only the counts that are not zero).
    func diffSummary(_ summary: DiffSummary) -> String {
        let counts: [(Int, String, String)] = [
            (summary.modified, "modified", "modifiée"), (summary.added, "added", "ajoutée"),
            (summary.removed, "removed", "supprimée"), (summary.renumbered, "renumbered", "renumérotée"),
            (summary.moved, "moved", "déplacée"), (summary.unchanged, "unchanged", "inchangée"),
        ]
        let parts = counts.filter { $0.0 > 0 }.map { count, en, fr in
            language == .fr ? "\(count) \(fr)\(count > 1 ? "s" : "")" : "\(count) \(en)"
        }
        return parts.isEmpty ? pick("no section", "aucune section") : parts.joined(separator: ", ")
    }
    var gone: String { pick("Gone from its source", "Retirée de sa source") }
    func goneLine(_ id: String, _ url: String, _ reason: String) -> String {
        pick("\(id) is no longer at \(url) (\(reason)). The archive keeps its revisions.",
             "\(id) n’est plus à \(url) (\(reason)). L’archive en garde les révisions.")
    }
    func expiringSubject(_ count: Int) -> String {
        pick("\(count) report\(count == 1 ? "" : "s") entering the expiry window",
             "\(count) réponse\(count == 1 ? "" : "s") entrant dans la période d’expiration")
    }
    var expiringLine: String {
        pick("These reports will leave the archive window (ID, expiry date, title):",
             "Ces réponses quitteront la période de conservation (ID, date d’expiration, titre) :")
    }
    var sweep: String { pick("Retention sweep", "Balayage de conservation") }
    var rejected: String { pick("Capture rejected", "Capture refusée") }
    func rejectedLine(_ source: String) -> String {
        pick("The archive refused a capture from \(source).", "L’archive a refusé une capture venant de \(source).")
    }
    var reason: String { pick("Reason", "Motif") }
    var test: String { pick("rir-archive test message", "Message d’essai de rir-archive") }
    var testLine: String {
        pick("This is a test message: this channel is configured and reachable.",
             "Ceci est un message d’essai : ce canal est configuré et joignable.")
    }
    var titleLabel: String { pick("Title", "Titre") }
    var source: String { pick("Source", "Source") }
    var when: String { pick("Recorded at", "Enregistré le") }
}
