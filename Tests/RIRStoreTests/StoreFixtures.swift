import RIRModel
import RIRStore

/// Small reports built in code, so store behaviour is tested apart from the parser.
enum Fixture {
    static func report(_ id: String = "MEX201601.E", published: String = "2023-09-01",
                       title: String = "Mexico: Profiles of individuals targeted",
                       sections: [Section]? = nil, references: [String]? = nil,
                       closing: String? = "This Response was prepared after researching publicly accessible information.",
                       replaces: [String] = [], crossReferences: [String] = []) -> Report {
        Report(id: ReportID(id)!, published: CalendarDate(iso: published)!, title: title,
               author: "Research Directorate, Immigration and Refugee Board of Canada",
               replaces: replaces, crossReferences: crossReferences,
               sections: sections ?? defaultSections, closing: closing,
               notes: ["[1] A note."], references: references ?? ["Amnesty International. 2023-03-27. \"Mexico.\"",
                                                                  "Freedom House. 2023-03-09. \"Mexico.\""],
               additionalSources: ["Oral sources: a professor."])
    }

    static let defaultSections = [
        Section(number: "1", level: 1, heading: "Overview", text: "First paragraph.\n\nSecond paragraph."),
        Section(number: "2", level: 1, heading: "Tracking Methods", text: "Tracking text."),
        Section(number: "2.1", level: 2, heading: "Informants", text: "Informant text."),
        Section(number: "3", level: 1, heading: "Profiles", text: "Profiles text."),
    ]

    static func capture(_ report: Report, bytes: String? = nil, source: String = "test",
                        at: String = "2026-11-01T10:00:00Z", format: String = "text") -> CaptureInput {
        CaptureInput(bytes: Array((bytes ?? "capture of \(report.id) \(report.contentHash)").utf8), source: source,
                     capturedAt: at, format: format, encoding: "utf-8", report: report)
    }

    /// Seven years from publication, as of 2026-11-22, unless held.
    static let rules = IngestRules { id, published, held in
        let expiry = published.adding(years: 7)
        guard !held, CalendarDate(iso: "2026-11-22")! >= expiry else { return nil }
        return "expired: \(id) left the window on \(expiry.iso)"
    }
}
