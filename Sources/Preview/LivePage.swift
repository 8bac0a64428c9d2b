import Foundation

/// What the last render of a notebook said, when it failed.
public struct RenderProblem: Sendable, Equatable {
    /// The notebook's path as given on the command line.
    public var notebook: String
    /// What `optnb render` printed: each error names the notebook's line
    /// (`notebooks/adam.md:12:5: error: …`).
    public var messages: String

    /// A problem as given.
    public init(notebook: String, messages: String) {
        self.notebook = notebook
        self.messages = messages
    }
}

/// The pages preview serves: a report as rendered plus a reload script, and
/// the render's error shown on top when it failed. Only these served copies
/// carry the script; the files in the output folder are never changed.
public enum LivePage {
    /// Path of the server-sent event stream the script listens to.
    public static let eventsPath = "/__optnb/events"

    /// `html` with the error banner (if any) after `<body>` and the reload
    /// script before `</body>`. `version` is the render generation the page
    /// shows: the script reloads as soon as the server reports another.
    public static func serve(_ html: String, version: Int, problem: RenderProblem?) -> String {
        var page = html
        if let problem {
            let banner = Self.banner(problem)
            if let open = page.range(of: "<body"), let end = page[open.upperBound...].firstIndex(of: ">") {
                page.insert(contentsOf: banner, at: page.index(after: end))
            } else {
                page = banner + page
            }
        }
        let script = Self.script(version: version)
        if let close = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: script, at: close.lowerBound)
        } else {
            page += script
        }
        return page
    }

    /// A page for a notebook that has no report (its render failed before
    /// writing one): the messages, and the reload script.
    public static func errorPage(_ problem: RenderProblem, version: Int) -> String {
        let title = escape(URL(fileURLWithPath: problem.notebook).lastPathComponent)
        return serve("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title): render failed</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; margin: 2rem;">
            <p>No report yet: fix the notebook and save; this page reloads by itself.</p>
            </body></html>
            """, version: version, problem: problem)
    }

    /// A page listing what preview serves when nothing else answers `/`.
    public static func listing(_ reports: [String], version: Int) -> String {
        let items = reports.map { "<li><a href=\"/\(escape($0))\">\(escape($0))</a></li>" }.joined()
        return serve("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>optnb preview</title></head>
            <body style="font-family: system-ui, sans-serif; margin: 2rem;"><ul>\(items)</ul></body></html>
            """, version: version, problem: nil)
    }

    static func banner(_ problem: RenderProblem) -> String {
        """
        <div id="optnb-preview-error" role="alert" style="margin: 0; padding: 1rem 1.5rem; \
        background: #fff0f0; border-bottom: 3px solid #c0392b; color: #611; font: 14px/1.45 ui-monospace, monospace;">\
        <strong style="font-family: system-ui, sans-serif;">optnb render failed for \(escape(problem.notebook))</strong>\
        <pre style="white-space: pre-wrap; margin: .5rem 0 0;">\(escape(problem.messages))</pre></div>
        """
    }

    /// Listens for the render generation; a new one reloads the page. The
    /// browser's EventSource reconnects by itself after a dropped stream.
    static func script(version: Int) -> String {
        """
        <script id="optnb-preview-reload">(() => {
          const shown = \(version);
          const events = new EventSource("\(eventsPath)");
          events.onmessage = (e) => { if (Number(e.data) !== shown) { events.close(); location.reload(); } };
        })();</script>

        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
