import RIRModel

/// Recognisers for the lines of a report's header block: date, identifier,
/// author and the "replaces" sentence. Each takes one normalized paragraph.
enum HeaderLines {
    // MARK: - Date line

    /// A date line: `1 September 2023`, `1er septembre 2023`, `31 août 2023`.
    /// Also the one-line print form `27 August 2020 HTI200334.FE`, which carries the identifier.
    static func date(_ line: String) -> (date: CalendarDate, id: ReportID?)? {
        guard line.utf8.count <= 40, let first = line.utf8.first, isDigit(first) else { return nil }
        var tokens = line.split(separator: " ")
        if tokens.count >= 2, tokens[0] == "1", tokens[1] == "er" {
            // "1 er septembre 2023": the superscript of "1er" came apart when copied.
            tokens.replaceSubrange(0...1, with: ["1er"])
        }
        guard tokens.count == 3 || tokens.count == 4 else { return nil }
        guard let day = day(tokens[0]), let month = month(tokens[1]),
              tokens[2].utf8.count == 4, tokens[2].utf8.allSatisfy(isDigit), let year = Int(tokens[2]),
              let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        if tokens.count == 4 {
            guard let id = ReportID(tokens[3]) else { return nil }
            return (date, id)
        }
        return (date, nil)
    }

    private static func day(_ token: Substring) -> Int? {
        if token == "1er" { return 1 }
        guard (1...2).contains(token.utf8.count), token.utf8.allSatisfy(isDigit) else { return nil }
        return Int(token)
    }

    private static let months: [String: Int] = {
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december"]
        let french = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                      "octobre", "novembre", "décembre"]
        let frenchPlain = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
                           "octobre", "novembre", "decembre"]
        var table: [String: Int] = [:]
        for names in [english, french, frenchPlain] {
            for (index, name) in names.enumerated() { table[name] = index + 1 }
        }
        return table
    }()

    private static func month(_ token: Substring) -> Int? {
        guard token.utf8.count <= 10 else { return nil }
        return months[token.lowercased()]
    }

    // MARK: - Identifier line

    /// An identifier alone on its line (`MEX201601.E`).
    static func identifier(_ line: String) -> ReportID? {
        guard (9...13).contains(line.utf8.count) else { return nil }
        return ReportID(line)
    }

    // MARK: - Author line

    /// The author line: "Research Directorate, Immigration and Refugee Board of Canada" or
    /// "Direction des recherches, Commission de l'immigration et du statut de réfugié du Canada",
    /// either optionally followed by ", Ottawa".
    static func isAuthor(_ line: String) -> Bool {
        line.utf8.count <= 160
            && (line.hasPrefix("Research Directorate") || line.hasPrefix("Direction des recherches"))
    }

    // MARK: - Replaces sentence

    /// Base IDs named by a "This Response replaces …" / "Cette réponse remplace …" sentence;
    /// nil when `line` is not such a sentence.
    static func replaced(_ line: String, ownBaseID: String) -> [String]? {
        guard line.utf8.count <= 1000 else { return nil }
        let english = line.hasPrefix("This Response") && line.contains(" replaces ")
        let french = (line.hasPrefix("Cette réponse") || line.hasPrefix("La présente réponse"))
            && line.contains(" remplace ")
        guard english || french else { return nil }
        let ids = ReportID.baseIDs(in: line).filter { $0 != ownBaseID }
        return ids.isEmpty ? nil : ids
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
