import RIRModel

extension Report {
    /// The members of a report in `parse --format json` order (`content_hash` included).
    public var jsonMembers: [JSONMember] {
        [
            JSONMember("id", .string(id.description)),
            JSONMember("base_id", .string(id.baseID)),
            JSONMember("country", .string(id.country)),
            JSONMember("language", .string(id.language.rawValue)),
            JSONMember("published", .string(published.iso)),
            JSONMember("title", .string(title)),
            JSONMember("author", .string(author)),
            JSONMember("replaces", .strings(replaces)),
            JSONMember("cross_references", .strings(crossReferences)),
            JSONMember("sections", .array(sections.map(\.jsonValue))),
            JSONMember("closing", .optional(closing)),
            JSONMember("notes", .strings(notes)),
            JSONMember("references", .strings(references)),
            JSONMember("additional_sources", .strings(additionalSources)),
            JSONMember("content_hash", .string(contentHash)),
        ]
    }

    /// The report as a JSON object (the `parse` keys without `format` and `encoding`).
    public var jsonValue: JSONValue { .object(jsonMembers) }
}

extension Section {
    /// `{"number", "level", "heading", "text"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("number", .optional(number)),
            JSONMember("level", .integer(level)),
            JSONMember("heading", .optional(heading)),
            JSONMember("text", .string(text)),
        ])
    }
}
