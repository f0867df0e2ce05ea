import RIRModel

/// A date from `YYYY-MM-DD`; test literals are all valid, so a bad one stops the test run.
public func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

/// A report ID from its text; test literals are all valid, so a bad one stops the test run.
public func rir(_ text: String) -> ReportID {
    guard let id = ReportID(text) else { preconditionFailure("bad test ID \(text)") }
    return id
}
