import RIRDiff

/// The one stylesheet of every page (`/style.css`; the CSP allows `style-src 'self'` only): the
/// layout, the diff's own rules from RIRDiff, and a print stylesheet that turns a revision page
/// into an evidence copy (no navigation, the citation block first, URLs printed).
enum Stylesheet {
    static let css = """
    :root { color-scheme: light dark; --muted: #666; --line: #ccc; --accent: #0b5cad; }
    * { box-sizing: border-box; }
    body { font: 1rem/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 0 1rem 2rem;
           overflow-wrap: break-word; }
    header.site { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; padding: .8rem 0;
                  border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
    header.site .home { font-weight: 700; text-decoration: none; }
    header.site nav { display: flex; flex-wrap: wrap; gap: .2rem .8rem; flex: 1; }
    header.site .lang { margin-left: auto; }
    h1 { font-size: 1.4rem; line-height: 1.3; } h2 { font-size: 1.15rem; margin-top: 1.6rem; } h3 { font-size: 1rem; }
    a { color: var(--accent); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: .3rem; border-bottom: 1px solid var(--line); }
    td.n { text-align: right; }
    .scroll { overflow-x: auto; max-width: 100%; }
    code { font-size: .85rem; word-break: break-all; }
    .source { word-break: break-all; }
    dl.meta, .citation dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dl.meta dt, .citation dt { font-weight: 600; } dl dd { margin: 0; }
    .badge { font-size: .8rem; padding: 0 .4rem; border-radius: .3rem; background: #eee; color: #333; }
    .badge.expiring { background: #fff1c2; } .badge.expired { background: #fbd5d5; } .badge.held { background: #dde8ff; }
    form.filters, form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
    input, select, button { font: inherit; max-width: 100%; }
    ol.timeline { padding-left: 1.2rem; } ol.timeline li { margin-bottom: 1rem; }
    ul.captures { padding-left: 1rem; font-size: .9rem; }
    .citation { border: 1px solid var(--line); padding: .5rem 1rem; border-radius: .4rem; margin: 1rem 0; }
    .citation h2 { margin-top: .2rem; }
    .citation .url, .print-note { display: none; }
    nav.toc ol { padding-left: 1.2rem; }
    .revision section p { white-space: pre-line; }
    .revision .anchor { text-decoration: none; color: var(--muted); }
    .revision .level2 h2, .revision .level3 h2 { font-size: 1rem; }
    .hits li { margin-bottom: 1rem; } .hits h2 { font-size: 1rem; margin: 0; }
    mark { background: #fff1c2; }
    .crumbs { color: var(--muted); }
    footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
    \(RevisionDiff.htmlStyle)
    ul.sides { list-style: none; padding: 0; } ul.sides li { margin-bottom: .4rem; }
    .diff-body section { border-top: 1px solid var(--line); }
    .diff-body table { table-layout: fixed; } .diff-body td, .diff-body th { overflow-wrap: anywhere; }
    @media print {
      header.site, nav.toc, form, .crumbs, .pages, a.anchor { display: none; }
      body { max-width: none; padding: 0; font: 11pt/1.4 Georgia, serif; color: #000; background: #fff; }
      a { color: #000; text-decoration: none; }
      .citation { border: 1px solid #000; break-inside: avoid; }
      .citation .url, .print-note { display: block; }
      section { break-inside: auto; } h2 { break-after: avoid; }
      ins { background: none; text-decoration: underline; } del { background: none; }
    }

    """
}
