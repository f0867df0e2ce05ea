import CLibXML2

/// What of an IRB page is site chrome rather than report: the GCWeb (Canada.ca) and older
/// WET 3 "GCWU" page furniture that SharePoint puts around the report, form controls,
/// visually hidden text, and the toolbar the Wayback Machine inserts into its captures.
enum HTMLChrome {
    // MARK: - Main content

    /// The element that holds the page's content: the first `<main>`, else the first element
    /// with `role="main"` (the WET 3 `<div id="wb-main" role="main">`); nil when there is
    /// neither, and the whole page is read. Elements inside chrome are not candidates.
    static func mainContent(of document: htmlDocPtr) -> xmlNodePtr? {
        let top = document.pointee.children
        return first(from: top) { _, name in name == "main" }
            ?? first(from: top) { node, _ in attribute(node, "role") == "main" }
    }

    /// The first element, in document order, from `sibling` on and below, that matches.
    private static func first(from sibling: xmlNodePtr?, where matches: (xmlNodePtr, String) -> Bool) -> xmlNodePtr? {
        var child = sibling
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            if isChrome(current, name: name) { continue }
            if matches(current, name) { return current }
            if let found = first(from: current.pointee.children, where: matches) { return found }
        }
        return nil
    }

    // MARK: - Chrome elements

    /// Elements dropped with everything inside them: scripts and styles, navigation and
    /// page header and footer, embedded content, and form controls (not `form` itself,
    /// which SharePoint wraps around the whole page).
    private static let droppedElements: Set<String> = [
        "script", "style", "nav", "header", "footer", "noscript", "template", "head", "title", "meta",
        "link", "iframe", "object", "embed", "svg", "math", "canvas",
        "input", "button", "select", "option", "datalist", "textarea",
    ]

    /// GCWeb and WET 3 regions, by `id`: skip links, language toggle, search, site and section
    /// menus, breadcrumb, header and footers, "Date modified", the Wayback Machine toolbar.
    private static let droppedIDs: Set<String> = [
        "wb-tphp", "wb-skip", "wb-lng", "wb-srch", "wb-sm", "wb-bc", "wb-sec", "wb-head", "wb-info", "wb-foot",
        "wb-dtmd", "gcwu-date-mod", "wb-share", "wm-ipp-base", "wm-ipp", "wm-ipp-print",
    ]

    /// GCWeb classes of chrome: the page-details block ("Report a problem…", "Share this page",
    /// "Date modified"), the share widget, and visually hidden text (`wb-inv`).
    private static let droppedClasses: Set<String> = ["pagedetails", "wb-inv", "wb-share", "shr-pg"]

    /// In-page links to the top of the page or its content ("Top of Page").
    private static let topOfPageTargets: Set<String> = ["#wb-tphp", "#wb-body", "#wb-cont", "#top"]

    /// Whether the element `node` (named `name`) is chrome, to be dropped with its subtree.
    static func isChrome(_ node: xmlNodePtr, name: String) -> Bool {
        if droppedElements.contains(name) { return true }
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            let key = current.pointee.name.map { String(cString: $0) } ?? ""
            switch key {
            case "hidden":
                return true
            case "aria-hidden":
                if value(of: current) == "true" { return true }
            case "id":
                if droppedIDs.contains(value(of: current)) { return true }
            case "class":
                if value(of: current).split(separator: " ").contains(where: { droppedClasses.contains(String($0)) }) {
                    return true
                }
            case "href":
                if name == "a", topOfPageTargets.contains(value(of: current)) { return true }
            default:
                continue
            }
        }
        return false
    }

    // MARK: - Wayback Machine

    /// The comments that open and close the toolbar the Wayback Machine inserts into a capture.
    enum WaybackMarker {
        case begin, end
    }

    /// Whether the comment `node` opens or closes the Wayback Machine toolbar insert.
    static func waybackMarker(_ node: xmlNodePtr) -> WaybackMarker? {
        guard let content = node.pointee.content else { return nil }
        let text = String(cString: content)
        if text.contains("BEGIN WAYBACK TOOLBAR INSERT") { return .begin }
        if text.contains("END WAYBACK TOOLBAR INSERT") { return .end }
        return nil
    }

    // MARK: - Attributes

    /// The value of the attribute `name` of `node`, or nil.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let key = current.pointee.name, String(cString: key) == name { return value(of: current) }
            attribute = current.pointee.next
        }
        return nil
    }

    /// An attribute's text (the content of its text children), white space trimmed.
    private static func value(of attribute: xmlAttrPtr) -> String {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let node = child {
            if let content = node.pointee.content {
                var index = 0
                while content[index] != 0 { bytes.append(content[index]); index += 1 }
            }
            child = node.pointee.next
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
