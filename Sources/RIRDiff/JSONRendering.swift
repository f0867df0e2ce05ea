import RIRModel

extension RevisionDiff {
    /// The diff as JSON in the stable contract of design §3, keys in contract
    /// order, two-space indentation (`pretty`) or on one line. Written without
    /// Foundation; `JSONDecoder` reads it back into an equal ``RevisionDiff``.
    public func json(pretty: Bool = true) -> String {
        let w = JSONWriter(pretty: pretty)
        w.object {
            w.field("id") { w.string(id) }
            w.field("from") { w.side(from) }
            w.field("to") { w.side(to) }
            w.field("metadata") {
                w.array(metadata) { change in
                    w.object {
                        w.field("field") { w.string(change.field) }
                        w.field("from") { w.string(change.from) }
                        w.field("to") { w.string(change.to) }
                    }
                }
            }
            w.field("sections") {
                w.array(sections) { section in
                    w.object {
                        w.field("status") { w.string(section.status.rawValue) }
                        w.field("from_number") { w.string(section.fromNumber) }
                        w.field("to_number") { w.string(section.toNumber) }
                        w.field("heading") { w.string(section.heading) }
                        w.field("changes") {
                            w.array(section.changes) { change in
                                w.object(compact: true) {
                                    w.field("op") { w.string(change.op.rawValue) }
                                    w.field("text") { w.string(change.text) }
                                }
                            }
                        }
                    }
                }
            }
            w.field("references") { w.entries(references) }
            w.field("notes") { w.entries(notes) }
            w.field("additional_sources") { w.entries(additionalSources) }
            w.field("summary") {
                w.object {
                    for status in SectionStatus.allCases {
                        w.field(status.rawValue) { w.out += String(summary[status]) }
                    }
                }
            }
        }
        if pretty { w.out += "\n" }
        return w.out
    }
}

/// A small streaming JSON writer: objects and arrays through closures, strings escaped per RFC 8259.
final class JSONWriter {
    let pretty: Bool
    var out = ""
    private var depth = 0
    private var first = true
    private var compactDepth = 0

    init(pretty: Bool) {
        self.pretty = pretty
    }

    private var breaking: Bool { pretty && compactDepth == 0 }

    private func newline() {
        guard breaking else { return }
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    private func separate() {
        if !first { out += breaking || !pretty ? "," : ", " }
        first = false
        newline()
    }

    func object(compact: Bool = false, _ body: () -> Void) {
        open("{", compact: compact)
        body()
        close("}", compact: compact)
    }

    func array<T>(_ items: [T], compact: Bool = false, _ item: (T) -> Void) {
        open("[", compact: compact)
        for element in items {
            separate()
            item(element)
        }
        close("]", compact: compact)
    }

    private func open(_ bracket: String, compact: Bool) {
        out += bracket
        depth += 1
        first = true
        if compact { compactDepth += 1 }
    }

    private func close(_ bracket: String, compact: Bool) {
        let empty = first
        depth -= 1
        if !empty { newline() }
        if compact { compactDepth -= 1 }
        out += bracket
        first = false
    }

    func field(_ key: String, _ value: () -> Void) {
        separate()
        string(key)
        out += pretty ? ": " : ":"
        value()
    }

    func string(_ text: String?) {
        out += text.map(JSONText.quoted) ?? "null"
    }

    func side(_ side: DiffSide) {
        object(compact: true) {
            field("id") { string(side.id) }
            field("revision") { out += String(side.revision) }
        }
    }

    func entries(_ changes: EntryChanges) {
        object {
            field("added") { array(changes.added) { string($0) } }
            field("removed") { array(changes.removed) { string($0) } }
        }
    }
}
