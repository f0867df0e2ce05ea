import FoundationEssentials

/// The language of the interface: English or French, chosen per request.
public enum WebLanguage: String, Sendable, CaseIterable {
    case en, fr

    /// The other language (the toggle's target).
    public var other: WebLanguage { self == .en ? .fr : .en }

    /// The language a request asks for: `?lang=` (the toggle) first, then the `lang` cookie the
    /// toggle set, then the first of `en`/`fr` in `Accept-Language` by quality, else English.
    public static func chosen(query: String?, cookie: String?, acceptLanguage: String?) -> WebLanguage {
        if let query, let language = WebLanguage(rawValue: query) { return language }
        if let cookie, let language = cookieLanguage(cookie) { return language }
        return acceptLanguage.flatMap(preferred) ?? .en
    }

    /// The value of `lang=` in a Cookie header.
    static func cookieLanguage(_ header: String) -> WebLanguage? {
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "lang" { return WebLanguage(rawValue: parts[1]) }
        }
        return nil
    }

    /// The best of `en` and `fr` in an Accept-Language value (`fr-CA,fr;q=0.9,en;q=0.8`).
    static func preferred(_ header: String) -> WebLanguage? {
        var best: (language: WebLanguage, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = String(tag.prefix { $0 != "-" })
            guard let language = WebLanguage(rawValue: primary) else { continue }
            let quality = parts.dropFirst().compactMap { part -> Double? in
                part.hasPrefix("q=") ? Double(part.dropFirst(2)) : nil
            }.first ?? 1
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language
    }

    /// The interface's words in this language, by key (the templates use `{{t.key}}`).
    public var strings: [String: String] { self == .en ? Self.english : Self.french }

    /// One word of the interface.
    public subscript(_ key: String) -> String { strings[key] ?? key }

    private static let english: [String: String] = [
        "site": "RIR archive", "languageName": "Français", "reports": "Reports", "search": "Search",
        "changes": "Changes", "expiring": "Expiring", "stale": "Stale", "audit": "Audit", "menu": "Menu",
        "id": "ID", "language": "Language", "published": "Published", "revisions": "Revisions",
        "lastSeen": "Last seen", "firstSeen": "First seen", "status": "Status", "source": "Source", "title": "Title",
        "filter": "Filter", "all": "All", "country": "Country", "sort": "Sort", "apply": "Apply",
        "author": "Author", "replaces": "Replaces", "replacedBy": "Replaced by", "otherLanguage": "Other language",
        "crossReferences": "Cross-references", "timeline": "Timeline", "revision": "Revision",
        "captures": "Captures", "capturedAt": "Captured", "format": "Format", "retention": "Retention",
        "expires": "Expires", "daysLeft": "Days left", "holds": "Holds", "hold": "Hold", "reason": "Reason",
        "placed": "Placed", "released": "Released", "active": "active", "notArchived": "Not in the archive",
        "diffPrevious": "Changes from the previous revision", "blame": "Since when each paragraph stands",
        "citation": "Citation", "contentHash": "Content hash", "sha256": "SHA-256", "contents": "Contents",
        "notes": "Notes", "references": "References", "additionalSources": "Additional sources consulted",
        "closing": "Closing", "opening": "(opening text)", "feed": "Atom feed", "from": "From", "to": "To",
        "compare": "Compare", "diffOf": "Diff", "query": "Query", "latestOnly": "Latest revisions only",
        "hits": "hits", "noHits": "No stored text matches.", "section": "Section", "snippet": "Passage",
        "within": "Within (days)", "olderThan": "Older than (days)", "unseenFor": "Unseen for (days)",
        "held": "Held", "reasons": "Reasons", "supersededBy": "Superseded by", "since": "Since",
        "until": "Until", "at": "At", "event": "Event", "detail": "Detail", "change": "Change",
        "newDocument": "new report", "newRevision": "new revision", "summary": "Summary",
        "notFound": "Not found", "badRequest": "Bad request", "error": "Error", "nothing": "Nothing to show.",
        "inForce": "Revision in force on a date", "show": "Show", "paragraph": "Paragraph",
        "raw": "Exact bytes", "printNote": "Evidence copy printed from the RIR archive",
        "memento": "Archived at", "next": "Next", "previous": "Previous", "page": "Page",
        "newest": "Newest first", "oldest": "Oldest first", "byID": "By ID", "unchanged": "unchanged",
    ]

    private static let french: [String: String] = [
        "site": "Archive des RDI", "languageName": "English", "reports": "Réponses", "search": "Recherche",
        "changes": "Modifications", "expiring": "Bientôt expirées", "stale": "Périmées", "audit": "Journal",
        "menu": "Menu", "id": "Identifiant", "language": "Langue", "published": "Publiée",
        "revisions": "Révisions", "lastSeen": "Vue en dernier", "firstSeen": "Vue en premier", "status": "Statut",
        "source": "Source", "title": "Titre", "filter": "Filtrer", "all": "Toutes", "country": "Pays",
        "sort": "Tri", "apply": "Appliquer", "author": "Auteur", "replaces": "Remplace",
        "replacedBy": "Remplacée par", "otherLanguage": "Autre langue", "crossReferences": "Renvois",
        "timeline": "Chronologie", "revision": "Révision", "captures": "Captures", "capturedAt": "Capturée",
        "format": "Format", "retention": "Conservation", "expires": "Expire", "daysLeft": "Jours restants",
        "holds": "Mises en suspens", "hold": "Suspens", "reason": "Motif", "placed": "Placée",
        "released": "Levée", "active": "active", "notArchived": "Absente de l’archive",
        "diffPrevious": "Modifications depuis la révision précédente",
        "blame": "Depuis quand chaque paragraphe figure", "citation": "Citation",
        "contentHash": "Empreinte du contenu", "sha256": "SHA-256", "contents": "Sommaire", "notes": "Notes",
        "references": "Références", "additionalSources": "Autres sources consultées", "closing": "Conclusion",
        "opening": "(texte d’ouverture)", "feed": "Fil Atom", "from": "De", "to": "À", "compare": "Comparer",
        "diffOf": "Comparaison", "query": "Requête", "latestOnly": "Dernières révisions seulement",
        "hits": "résultats", "noHits": "Aucun texte conservé ne correspond.", "section": "Section",
        "snippet": "Passage", "within": "D’ici (jours)", "olderThan": "Plus ancienne que (jours)",
        "unseenFor": "Non vue depuis (jours)", "held": "En suspens", "reasons": "Motifs",
        "supersededBy": "Remplacée par", "since": "Depuis", "until": "Jusqu’au", "at": "Le",
        "event": "Événement", "detail": "Détail", "change": "Modification", "newDocument": "nouvelle réponse",
        "newRevision": "nouvelle révision", "summary": "Résumé", "notFound": "Introuvable",
        "badRequest": "Requête invalide", "error": "Erreur", "nothing": "Rien à afficher.",
        "inForce": "Révision en vigueur à une date", "show": "Afficher", "paragraph": "Paragraphe",
        "raw": "Octets exacts", "printNote": "Copie probante imprimée depuis l’archive des RDI",
        "memento": "Archivée le", "next": "Suivante", "previous": "Précédente", "page": "Page",
        "newest": "Plus récentes d’abord", "oldest": "Plus anciennes d’abord", "byID": "Par identifiant",
        "unchanged": "inchangée",
    ]
}
