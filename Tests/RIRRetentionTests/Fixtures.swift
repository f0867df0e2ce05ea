import RIRModel
import RIRRetention

/// A date from `YYYY-MM-DD`; the literals in these tests are all valid.
func day(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return date
}

/// An ID from its text; the literals in these tests are all valid.
func rir(_ text: String) -> ReportID {
    guard let id = ReportID(text) else { preconditionFailure("bad test ID \(text)") }
    return id
}

/// `count` subjects published on `published`, IDs `XXX2016NN.E` from `first`.
func subjects(_ count: Int, published: String, country: String = "MEX", first: Int = 0,
              holds: Int = 0) -> [RetentionSubject] {
    (0..<count).map { i in
        let n = first + i
        return RetentionSubject(id: rir("\(country)2016\(n < 10 ? "0" : "")\(n).E"), title: "Report \(n)",
                                published: day(published), holds: holds)
    }
}
