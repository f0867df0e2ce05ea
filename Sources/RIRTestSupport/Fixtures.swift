/// Small hand-made captures for tests that need a report of a given shape.
public enum Fixtures {
    /// A plain-text RIR in print layout (no chrome): date, ID, title and author lines, an
    /// optional "replaces" sentence, the `body` lines (headings such as `"1. Overview"` are
    /// lines too), the closing paragraph, then the back matter. Paragraphs are separated by
    /// blank lines.
    public static func report(
        id: String = "ZZZ201700.E",
        date: String = "3 March 2024",
        title: String = "Chile and Haiti: Requirements for permanent residence (2021\u{2013}February 2024)",
        replaces: String? = nil,
        body: [String],
        closing: Bool = true,
        notes: [String] = [],
        references: [String] = ["Chile. 2023-05-02. Servicio Nacional de Migraciones. \"Residencia definitiva.\" "
            + "[Accessed 2024-02-01]"],
        additionalSources: [String] = []
    ) -> String {
        var lines = [date, id, title, "Research Directorate, Immigration and Refugee Board of Canada"]
        if let replaces { lines.append(replaces) }
        lines += body
        if closing {
            lines.append("This Response was prepared after researching publicly accessible information currently "
                + "available to the Research Directorate within time constraints. This Response is not, and does "
                + "not purport to be, conclusive as to the merit of any particular claim for refugee protection.")
        }
        if !notes.isEmpty { lines += [notes.count == 1 ? "Note" : "Notes"] + notes }
        if !references.isEmpty { lines += ["References"] + references }
        if !additionalSources.isEmpty { lines += ["Additional Sources Consulted"] + additionalSources }
        return lines.joined(separator: "\n\n") + "\n"
    }
}
