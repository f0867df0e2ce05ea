/// The Mustache templates of the pages (swift-mustache escapes every `{{value}}`; `{{{…}}}` is
/// used only for fragments this module rendered and escaped itself: a page body, the diff).
///
/// They are compiled into the binary rather than read from a folder, so that `serve` needs no
/// files besides the database and nothing in a request can name a file.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "list": list, "report": report, "revision": revision, "diff": diff, "blame": blame,
        "search": search, "retention": retention, "changes": changes, "audit": audit, "message": message,
        "atom": atom,
    ]

    /// An Atom feed; Mustache's escaping (`&amp; &lt; &gt; &quot; &#39;`) is valid XML too.
    static let atom = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
    <title>{{title}}</title>
    <id>{{id}}</id>
    <updated>{{updated}}</updated>
    <link rel="self" type="application/atom+xml" href="{{self}}"/>
    <link rel="alternate" type="text/html" href="{{alternate}}"/>
    <author><name>rir-archive</name></author>
    <generator>rir-archive</generator>
    {{#entries}}<entry>
    <title>{{title}}</title>
    <id>{{id}}</id>
    <updated>{{updated}}</updated>
    <link rel="alternate" type="text/html" href="{{link}}"/>
    <summary type="text">{{summary}}</summary>
    </entry>
    {{/entries}}
    </feed>

    """

    static let layout = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{t.site}}</title>
    <link rel="stylesheet" href="{{root}}/style.css">
    <link rel="alternate" type="application/atom+xml" href="{{root}}/feed.atom" title="{{t.feed}}">
    {{#reportFeed}}<link rel="alternate" type="application/atom+xml" href="{{.}}" title="{{t.feed}}: {{title}}">{{/reportFeed}}
    </head>
    <body>
    <header class="site">
    <a class="home" href="{{root}}/">{{t.site}}</a>
    <nav aria-label="{{t.menu}}"><a href="{{root}}/">{{t.reports}}</a> <a href="{{root}}/search">{{t.search}}</a> <a href="{{root}}/changes">{{t.changes}}</a> <a href="{{root}}/expiring">{{t.expiring}}</a> <a href="{{root}}/stale">{{t.stale}}</a> <a href="{{root}}/audit">{{t.audit}}</a></nav>
    <a class="lang" href="{{toggle}}" hreflang="{{otherLang}}" lang="{{otherLang}}">{{t.languageName}}</a>
    </header>
    <main id="main">
    {{{body}}}
    </main>
    <footer><p class="print-note">{{t.printNote}} · {{pageURL}}</p></footer>
    </body>
    </html>

    """

    static let list = """
    <h1>{{t.reports}}</h1>
    <form class="filters" method="get" action="{{root}}/">
    <label>{{t.status}} <select name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></label>
    <label>{{t.country}} <input name="country" value="{{country}}" size="4" maxlength="3" pattern="[A-Za-z]{3}"></label>
    <label>{{t.language}} <select name="language">{{#languages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languages}}</select></label>
    <label>{{t.sort}} <select name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></label>
    <button type="submit">{{t.apply}}</button>
    </form>
    <p class="count">{{count}}</p>
    <div class="scroll"><table class="reports">
    <thead><tr><th>{{t.id}}</th><th>{{t.title}}</th><th>{{t.published}}</th><th>{{t.revisions}}</th><th>{{t.lastSeen}}</th><th>{{t.status}}</th></tr></thead>
    <tbody>
    {{#reports}}<tr><td><a href="{{href}}">{{id}}</a></td><td lang="{{language}}">{{title}}</td><td>{{published}}</td><td class="n">{{revisions}}</td><td>{{lastSeen}}</td><td><span class="badge {{status}}">{{status}}</span></td></tr>
    {{/reports}}
    </tbody></table></div>
    {{^reports}}<p>{{t.nothing}}</p>{{/reports}}
    <p class="pages">{{#previous}}<a rel="prev" href="{{.}}">{{t.previous}}</a> {{/previous}}{{#next}}<a rel="next" href="{{.}}">{{t.next}}</a>{{/next}}</p>

    """

    static let report = """
    <article class="report">
    <h1 lang="{{language}}">{{title}}</h1>
    <dl class="meta">
    <dt>{{t.id}}</dt><dd>{{id}}</dd>
    <dt>{{t.published}}</dt><dd>{{published}}</dd>
    <dt>{{t.author}}</dt><dd>{{author}}</dd>
    <dt>{{t.revisions}}</dt><dd><a href="{{latestHref}}">{{latestRevision}}</a></dd>
    {{#has_replaces}}<dt>{{t.replaces}}</dt><dd>{{#replaces}}<a href="{{href}}">{{id}}</a> {{/replaces}}</dd>{{/has_replaces}}
    {{#has_replacedBy}}<dt>{{t.replacedBy}}</dt><dd>{{#replacedBy}}<a href="{{href}}">{{id}}</a> <a href="{{diff}}">({{t.diffOf}})</a> {{/replacedBy}}</dd>{{/has_replacedBy}}
    {{#otherLanguage}}<dt>{{t.otherLanguage}}</dt><dd><a href="{{href}}" hreflang="{{language}}">{{id}}</a></dd>{{/otherLanguage}}
    {{#has_crossReferences}}<dt>{{t.crossReferences}}</dt><dd>{{#crossReferences}}{{.}} {{/crossReferences}}</dd>{{/has_crossReferences}}
    </dl>
    <section class="retention" aria-labelledby="retention">
    <h2 id="retention">{{t.retention}}</h2>
    {{#standing}}<dl class="meta"><dt>{{t.status}}</dt><dd><span class="badge {{status}}">{{status}}</span></dd><dt>{{t.expires}}</dt><dd>{{expires}}</dd><dt>{{t.daysLeft}}</dt><dd>{{daysLeft}}</dd></dl>{{/standing}}
    {{#has_holds}}<table><thead><tr><th>{{t.hold}}</th><th>{{t.placed}}</th><th>{{t.status}}</th><th>{{t.reason}}</th></tr></thead><tbody>
    {{#holds}}<tr><td>{{id}}</td><td>{{placed}}</td><td>{{state}}</td><td>{{reason}}</td></tr>
    {{/holds}}</tbody></table>{{/has_holds}}
    </section>
    <section aria-labelledby="timeline">
    <h2 id="timeline">{{t.timeline}}</h2>
    <ol class="timeline" reversed>
    {{#timeline}}<li id="r{{revision}}"><h3><a href="{{href}}">{{t.revision}} {{revision}}</a></h3>
    <p>{{t.firstSeen}} <time datetime="{{firstSeen}}">{{firstSeen}}</time> · {{t.lastSeen}} <time datetime="{{lastSeen}}">{{lastSeen}}</time>{{#diff}} · <a href="{{.}}">{{t.diffPrevious}}</a>{{/diff}}</p>
    <p class="hash">{{t.contentHash}} <code>{{contentHash}}</code></p>
    <ul class="captures">{{#captures}}<li><time datetime="{{capturedAt}}">{{capturedAt}}</time> · {{format}}/{{encoding}} · <span class="source">{{source}}</span> · <a href="{{href}}">{{t.raw}}</a></li>{{/captures}}</ul>
    </li>
    {{/timeline}}
    </ol>
    </section>
    <form class="inline" method="get" action="{{atAction}}"><label>{{t.inForce}} <input type="date" name="date" required></label> <button type="submit">{{t.show}}</button></form>
    <p><a href="{{feed}}">{{t.feed}}</a></p>
    </article>

    """

    static let revision = """
    <article class="revision" lang="{{language}}">
    <p class="crumbs" lang="{{lang}}"><a href="{{reportHref}}">{{id}}</a> · {{t.revision}} {{revision}} / {{latestRevision}}{{#previousHref}} · <a href="{{.}}">{{t.previous}}</a>{{/previousHref}}{{#nextHref}} · <a href="{{.}}">{{t.next}}</a>{{/nextHref}}{{#diffHref}} · <a href="{{.}}">{{t.diffPrevious}}</a>{{/diffHref}} · <a href="{{blameHref}}">{{t.blame}}</a></p>
    <h1>{{title}}</h1>
    <section class="citation" aria-labelledby="citation" lang="{{lang}}">
    <h2 id="citation">{{t.citation}}</h2>
    <dl>
    <dt>{{t.id}}</dt><dd>{{id}}</dd>
    <dt>{{t.revision}}</dt><dd>{{revision}}</dd>
    <dt>{{t.published}}</dt><dd>{{published}}</dd>
    <dt>{{t.contentHash}}</dt><dd><code>{{contentHash}}</code></dd>
    <dt>{{t.firstSeen}}</dt><dd><time datetime="{{firstSeen}}">{{firstSeen}}</time></dd>
    <dt>{{t.lastSeen}}</dt><dd><time datetime="{{lastSeen}}">{{lastSeen}}</time></dd>
    </dl>
    <table class="captures"><thead><tr><th>{{t.capturedAt}}</th><th>{{t.source}}</th><th>{{t.sha256}}</th></tr></thead><tbody>
    {{#captures}}<tr><td><time datetime="{{capturedAt}}">{{capturedAt}}</time></td><td class="source">{{source}}</td><td><a href="{{href}}"><code>{{sha256}}</code></a></td></tr>
    {{/captures}}</tbody></table>
    <p class="url">{{pageURL}}</p>
    </section>
    <nav class="toc" aria-labelledby="contents" lang="{{lang}}"><h2 id="contents">{{t.contents}}</h2><ol>
    {{#sections}}<li><a href="#{{anchor}}">{{label}}</a></li>{{/sections}}
    </ol></nav>
    {{#sections}}<section id="{{anchor}}" class="level{{level}}">
    {{#hasHeading}}<h2><a class="anchor" href="#{{anchor}}">{{number}}</a> {{heading}}</h2>{{/hasHeading}}
    {{#paragraphs}}<p>{{.}}</p>
    {{/paragraphs}}</section>
    {{/sections}}
    {{#closing}}<section id="closing"><p>{{.}}</p></section>{{/closing}}
    {{#lists}}<section id="{{anchor}}"><h2>{{title}}</h2><ol>{{#items}}<li>{{.}}</li>{{/items}}</ol></section>
    {{/lists}}
    </article>

    """

    static let diff = """
    <article class="diff">
    <header class="diff-head">
    <h1>{{title}}</h1>
    <p class="summary">{{summary}}</p>
    <ul class="sides">
    {{#sides}}<li><strong>{{label}}</strong> <a href="{{reportHref}}">{{id}}</a> · <a href="{{href}}">{{t.revision}} {{revision}}</a> · {{t.firstSeen}} <time datetime="{{firstSeen}}">{{firstSeen}}</time>{{#sources}}<br><span class="source">{{.}}</span>{{/sources}}</li>
    {{/sides}}</ul>
    {{#has_choices}}<form class="inline" method="get" action="{{action}}"><label>{{t.from}} <select name="from">{{#choices}}<option value="{{n}}"{{#isFrom}} selected{{/isFrom}}>{{n}}</option>{{/choices}}</select></label> <label>{{t.to}} <select name="to">{{#choices}}<option value="{{n}}"{{#isTo}} selected{{/isTo}}>{{n}}</option>{{/choices}}</select></label> <button type="submit">{{t.compare}}</button></form>{{/has_choices}}
    </header>
    {{{navigation}}}
    <div class="diff-body">
    {{{content}}}
    </div>
    </article>

    """

    static let blame = """
    <article class="blame">
    <p class="crumbs"><a href="{{reportHref}}">{{id}}</a> · <a href="{{revisionHref}}">{{t.revision}} {{revision}}</a></p>
    <h1>{{t.blame}}</h1>
    <div class="scroll"><table><thead><tr><th>{{t.section}}</th><th>{{t.paragraph}}</th><th>{{t.since}}</th><th>{{t.revision}}</th><th>{{t.snippet}}</th></tr></thead><tbody>
    {{#paragraphs}}<tr><td>{{section}}</td><td class="n">{{paragraph}}</td><td><time datetime="{{since}}">{{since}}</time></td><td><a href="{{href}}">{{sinceRevision}}</a></td><td lang="{{language}}">{{text}}</td></tr>
    {{/paragraphs}}</tbody></table></div>
    </article>

    """

    static let search = """
    <h1>{{t.search}}</h1>
    <form class="filters" method="get" action="{{root}}/search" role="search">
    <label>{{t.query}} <input type="search" name="q" value="{{q}}" required></label>
    <label>{{t.country}} <input name="country" value="{{country}}" size="4" maxlength="3"></label>
    <label>{{t.language}} <select name="language">{{#languages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languages}}</select></label>
    <label><input type="checkbox" name="latest" value="1"{{#latest}} checked{{/latest}}> {{t.latestOnly}}</label>
    <button type="submit">{{t.search}}</button>
    </form>
    {{#searched}}<p class="count">{{count}} {{t.hits}}</p>
    <ol class="hits">
    {{#hits}}<li><h2><a href="{{href}}">{{id}}</a> · {{place}}</h2><p class="snippet">{{{snippet}}}</p><p class="revs">{{t.revisions}}: {{#revisions}}<a href="{{href}}">{{n}}</a> {{/revisions}} · {{firstSeen}} – {{lastSeen}}</p></li>
    {{/hits}}</ol>
    {{^hits}}<p>{{t.noHits}}</p>{{/hits}}{{/searched}}

    """

    static let retention = """
    <h1>{{heading}}</h1>
    <form class="filters" method="get" action="{{action}}">
    {{#fields}}<label>{{label}} <input type="number" min="0" name="{{name}}" value="{{value}}"></label> {{/fields}}
    <button type="submit">{{t.apply}}</button>
    </form>
    <div class="scroll"><table><thead><tr><th>{{t.id}}</th><th>{{t.title}}</th><th>{{t.published}}</th><th>{{t.expires}}</th><th>{{t.daysLeft}}</th><th>{{t.held}}</th><th>{{t.reasons}}</th><th>{{t.supersededBy}}</th></tr></thead><tbody>
    {{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td lang="{{language}}">{{title}}</td><td>{{published}}</td><td>{{expires}}</td><td class="n">{{daysLeft}}</td><td>{{held}}</td><td>{{reasons}}</td><td>{{supersededBy}}</td></tr>
    {{/rows}}</tbody></table></div>
    {{^rows}}<p>{{t.nothing}}</p>{{/rows}}

    """

    static let changes = """
    <h1>{{t.changes}}</h1>
    <form class="filters" method="get" action="{{root}}/changes">
    <label>{{t.since}} <input type="date" name="since" value="{{since}}"></label>
    <label>{{t.until}} <input type="date" name="until" value="{{until}}"></label>
    <button type="submit">{{t.apply}}</button>
    </form>
    <div class="scroll"><table><thead><tr><th>{{t.id}}</th><th>{{t.revision}}</th><th>{{t.firstSeen}}</th><th>{{t.change}}</th><th>{{t.summary}}</th><th>{{t.title}}</th></tr></thead><tbody>
    {{#rows}}<tr><td><a href="{{reportHref}}">{{id}}</a></td><td class="n"><a href="{{href}}">{{revision}}</a></td><td>{{firstSeen}}</td><td>{{change}}</td><td>{{#diffHref}}<a href="{{.}}">{{summary}}</a>{{/diffHref}}</td><td>{{title}}</td></tr>
    {{/rows}}</tbody></table></div>
    {{^rows}}<p>{{t.nothing}}</p>{{/rows}}

    """

    static let audit = """
    <h1>{{t.audit}}</h1>
    <form class="filters" method="get" action="{{root}}/audit">
    <label>{{t.since}} <input type="date" name="since" value="{{since}}"></label>
    <button type="submit">{{t.apply}}</button>
    </form>
    <div class="scroll"><table><thead><tr><th>{{t.at}}</th><th>{{t.event}}</th><th>{{t.id}}</th><th>{{t.detail}}</th></tr></thead><tbody>
    {{#rows}}<tr><td>{{at}}</td><td>{{event}}</td><td>{{#href}}<a href="{{.}}">{{id}}</a>{{/href}}</td><td>{{detail}}</td></tr>
    {{/rows}}</tbody></table></div>
    {{^rows}}<p>{{t.nothing}}</p>{{/rows}}

    """

    static let message = """
    <h1>{{heading}}</h1>
    <p class="message">{{message}}</p>
    <p><a href="{{root}}/">{{t.reports}}</a></p>

    """
}
