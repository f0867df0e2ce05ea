import RIRModel
import RIRRetention
import RIRTestSupport

/// `count` subjects published on `published`, IDs `XXX2016NN.E` from `first`.
func subjects(_ count: Int, published: String, country: String = "MEX", first: Int = 0,
              holds: Int = 0) -> [RetentionSubject] {
    (0..<count).map { i in
        let n = first + i
        return RetentionSubject(id: rir("\(country)2016\(n < 10 ? "0" : "")\(n).E"), title: "Report \(n)",
                                published: day(published), holds: holds)
    }
}
