import RIRModel
import RIRRetention

// MARK: - Report rows

extension RetentionReportRow {
    /// The columns of the expiring and stale reports, in the order of the JSON keys.
    /// The table cuts titles to `titleWidth` terminal columns (nil: never).
    public static func columns(titleWidth: Int? = 60) -> [TabularReport.Column] {
        CodingKeys.allCases.map { key in
            switch key {
            case .title: TabularReport.Column(key.stringValue, maxWidth: titleWidth)
            case .daysLeft: TabularReport.Column(key.stringValue, alignment: .right)
            default: TabularReport.Column(key.stringValue)
            }
        }
    }

    /// The row's cells, in the order of ``columns(titleWidth:)``.
    public var cells: [TabularReport.Cell] {
        CodingKeys.allCases.map { key in
            switch key {
            case .id: .text(id.description)
            case .title: .text(title)
            case .language: .text(language.rawValue)
            case .published: .date(published)
            case .expires: .date(expires)
            case .daysLeft: .integer(daysLeft)
            case .held: .bool(held)
            case .reasons: .list(reasons.map(\.rawValue))
            case .supersededBy: .list(supersededBy.map(\.description))
            }
        }
    }
}

extension TabularReport {
    /// The expiring or stale report as a table of ``RetentionReportRow`` columns.
    public init(retentionRows: [RetentionReportRow], titleWidth: Int? = 60) {
        self.init(columns: RetentionReportRow.columns(titleWidth: titleWidth), rows: retentionRows.map(\.cells))
    }
}

// MARK: - Sweep plan

extension RetentionPlan {
    /// The sweep's JSON contract, keys in this order:
    /// `{"as_of", "purge": [ids], "held": [ids], "exported": [paths], "refused": bool, "reason"}`.
    ///
    /// `exported` lists the files the store wrote before purging (empty in a dry run). A refused
    /// plan lists under `purge` what it would have purged, beside `"refused": true`.
    public func json(exported: [String] = []) -> String {
        jsonValue(exported: exported).rendered()
    }

    /// The sweep's JSON contract as a value (see ``json(exported:)``).
    public func jsonValue(exported: [String] = []) -> JSONValue {
        .object([
            JSONMember("as_of", .string(asOf.iso)),
            JSONMember("purge", .array((refused ? candidates : purge).map { .string($0.description) })),
            JSONMember("held", .array(held.map { .string($0.description) })),
            JSONMember("exported", .array(exported.map(JSONValue.string))),
            JSONMember("refused", .bool(refused)),
            JSONMember("reason", .optional(reason)),
        ])
    }

    /// The plan for a terminal: a summary line, then one line per expired report
    /// (`purge`, or `held` with its hold count); a refused plan says why first.
    ///
    /// `dryRun` words the summary as a plan ("would purge") rather than a result.
    public func text(dryRun: Bool, titleWidth: Int? = 60) -> String {
        var out = ""
        if let reason {
            out += "sweep as of \(asOf.iso) refused: \(reason)\n"
        } else {
            let verb = dryRun ? "would purge" : "purged"
            out += "sweep as of \(asOf.iso)\(dryRun ? " (dry run)" : ""): \(verb) \(purge.count) of "
                + "\(totalReports) reports (\(DecimalText.fixed(fraction * 100, places: 1))%), "
                + "\(held.count) held\(forced ? ", forced" : "")\n"
        }
        guard !entries.isEmpty else { return out }
        var table = TabularReport(columns: [
            .init("action"), .init("id"), .init("published"), .init("expired"),
            .init("holds", alignment: .right), .init("title", maxWidth: titleWidth),
        ])
        for entry in entries {
            let action = entry.holds > 0 ? "held" : (refused ? "refused" : (dryRun ? "would purge" : "purge"))
            table.append([.text(action), .text(entry.id.description), .date(entry.published),
                          .date(entry.expired), .integer(entry.holds), .text(entry.title)])
        }
        return out + table.table()
    }
}

// MARK: - Standing

extension RetentionStanding {
    /// `retention status --format json`, keys in this order:
    /// `{"id", "as_of", "published", "expires", "days_left", "status", "holds", "held", "purgeable"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("id", .string(id.description)),
            JSONMember("as_of", .string(asOf.iso)),
            JSONMember("published", .string(published.iso)),
            JSONMember("expires", .string(expires.iso)),
            JSONMember("days_left", .integer(daysLeft)),
            JSONMember("status", .string(status.rawValue)),
            JSONMember("holds", .integer(holds)),
            JSONMember("held", .bool(held)),
            JSONMember("purgeable", .bool(purgeable)),
        ])
    }

    /// `retention status` for a terminal: one `key: value` line each.
    public var text: String {
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
        let left = daysLeft > 0 ? "\(days(daysLeft)) left"
            : daysLeft == 0 ? "expired today" : "expired \(days(-daysLeft)) ago"
        return """
            \(id): \(status.rawValue) as of \(asOf.iso) (\(left))
            published: \(published.iso)
            expires:   \(expires.iso)
            holds:     \(holds)\(purgeable ? " (the next sweep purges it)" : "")

            """
    }
}
