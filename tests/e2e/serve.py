#!/usr/bin/env python3
"""Static server for the QuoteLens end-to-end tests (Chromium and Firefox). 127.0.0.1 only.

    python3 tests/e2e/serve.py [PORT]        (default 8765)

Serves:
  /                         tests/e2e/site/
  /csp*                     the same, with a strict Content-Security-Policy header
                            (default-src 'self'; script-src 'self'; object-src 'none')
  /news/kaspersky-statement.html, /csp/kaspersky-statement.html
                            the seed article as a news page, built at request time from
                            ../shared/fixtures/seed/kaspersky-statement.txt (never stored in the repo)
  /seed/...                 ../shared/fixtures/seed/ when present
  /shared-pages/...         ../shared/pages/ when present. HTML is served without its <script>
                            elements (JSON-LD kept): the pages are offline copies and their scripts
                            would only fail; the markup is otherwise as the site sent it.
  /csp-report               counts CSP violation reports (GET /csp-report?count reads the count)
  /react.html               the React fixture, server-rendered by site/react-ssr.cjs (react-dom/server)
  /vendor/{react,react-dom,vue}.js   the frameworks' browser builds from node_modules
  /huge.html?n=N[&probe]    a hostile article of N paragraphs (default 100,000: about 10 MB), own text;
                            &probe adds site/probe.js (main-thread measurements)
"""
import subprocess
import urllib.parse
import html
import http.server
import json
import os
import re
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SITE = os.path.join(HERE, "site")
SHARED = os.path.abspath(os.path.join(REPO, "..", "shared"))
SEED_DIR = os.path.join(SHARED, "fixtures", "seed")
PAGES_DIR = os.path.join(SHARED, "pages")
STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; report-uri /csp-report"

_reports = 0
_last_reports = []
_lock = threading.Lock()

NODE_MODULES = os.path.join(REPO, "node_modules")
VENDOR = {
    "/vendor/react.js": os.path.join(NODE_MODULES, "react", "umd", "react.production.min.js"),
    "/vendor/react-dom.js": os.path.join(NODE_MODULES, "react-dom", "umd", "react-dom.production.min.js"),
    "/vendor/vue.js": os.path.join(NODE_MODULES, "vue", "dist", "vue.global.prod.js"),
}
_cache = {}

SPEAKERS = ["Maria Keller", "Tomas Berg", "Ingrid Holm", "Per Lund", "Nora Vik", "Anders Moe", "Lena Dahl", "Jonas Aas"]


def huge_page(n, probe=False):
    """An article of n paragraphs (about 100 bytes each); every fourth holds a quote. probe: with
    site/probe.js (main-thread measurements for the benchmarks)."""
    if (n, probe) in _cache:
        return _cache[(n, probe)]
    out = []
    for i in range(n):
        if i % 4 == 1:
            out.append(f"<p>\u201cItem {i} on the agenda will be settled by the end of the month,\u201d "
                       f"said {SPEAKERS[i % len(SPEAKERS)]}, a member of the committee.</p>")
        else:
            out.append(f"<p>Paragraph {i}: the committee went through the budget line by line, "
                       f"and the minutes record every vote.</p>")
    doc = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The longest committee report — Test Gazette</title>
<link rel="icon" href="/favicon.ico"><meta property="og:type" content="article"><link rel="stylesheet" href="/news.css">
{'<script src="/probe.js"></script>' if probe else ''}</head>
<body><main><article class="story"><h1>The longest committee report ({n} paragraphs)</h1>
{chr(10).join(out)}
</article></main></body></html>
"""
    _cache[(n, probe)] = doc
    return doc


def react_page():
    if "react" not in _cache:
        _cache["react"] = subprocess.run(["node", os.path.join(SITE, "react-ssr.cjs")], check=True,
                                         capture_output=True, text=True).stdout
    return _cache["react"]


SCRIPT_RE = re.compile(r"<script\b([^>]*)>.*?</script\s*>", re.I | re.S)


def strip_scripts(doc):
    def keep(m):
        return m.group(0) if re.search(r"application/ld\+json", m.group(1), re.I) else ""
    return SCRIPT_RE.sub(keep, doc)


def seed_page(csp):
    """The seed article laid out like a news site: nav, headline, photo caption, standfirst, body,
    a related-story teaser, a comments prompt and a footer. Text: the seed file, verbatim."""
    path = os.path.join(SEED_DIR, "kaspersky-statement.txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    chunks = [c for c in re.split(r"\n\s*\n", text) if c.strip()]
    e = html.escape
    head, rest = chunks[0].strip(), chunks[1:]
    out = []
    # photo credit + caption, then the standfirst
    lines = rest[0].split("\n")
    out.append('<figure class="photo"><div class="img" role="img" aria-label="photo"></div><figcaption>'
               + "<br>".join(e(l) for l in lines[:-1]) + "</figcaption></figure>")
    out.append('<p class="standfirst">' + e(lines[-1]) + "</p>")
    tail = []
    for c in rest[1:]:
        ls = c.split("\n")
        if c.startswith("To participate in the discussion"):
            tail.append('<section class="comments"><h2>Comments</h2><p>' + "<br>".join(e(l) for l in ls)
                        + "</p></section>")
        elif len(ls) == 1 and re.search(r"[\u0400-\u04ff]", c) and len(c) < 80:
            tail.append('<footer class="site-footer"><p>' + e(c) + "</p></footer>")
        elif len(ls) > 1:
            # an image caption and a related-story link glued into the text: a teaser box, then the paragraph
            out.append('<aside class="related"><p class="caption">' + e(ls[0]) + '</p><a href="#related">'
                       + e(ls[1]) + "</a></aside>")
            out.extend("<p>" + e(l) + "</p>" for l in ls[2:])
        else:
            out.append("<p>" + e(c) + "</p>")
    csp_note = "strict CSP" if csp else "news page"
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{e(head)}</title><link rel="icon" href="/favicon.ico">
<meta property="og:type" content="article"><link rel="stylesheet" href="/news.css"></head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="#world">World</a> <a href="#tech">"Tech" news</a></nav></header>
<main>
<article class="story">
<h1>{e(head)}</h1>
{chr(10).join(out)}
</article>
{chr(10).join(tail)}
</main>
<!-- {csp_note}: generated by tests/e2e/serve.py from ../shared/fixtures/seed -->
</body>
</html>
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
                             ".json": "application/json", ".html": "text/html; charset=utf-8"})

    def __init__(self, *a, **kw):
        super().__init__(*a, directory=SITE, **kw)

    def log_message(self, fmt, *args):
        if os.environ.get("QUOTELENS_SERVE_LOG"):
            super().log_message(fmt, *args)

    csp = False

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", STRICT_CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_body(self, body, ctype="text/html; charset=utf-8", status=200):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_POST(self):
        global _reports
        if self.path.startswith("/csp-report"):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            with _lock:
                _reports += 1
                _last_reports.append(body.decode("utf-8", "replace")[:2000])
                del _last_reports[:-5]
            return self.send_body("", "text/plain", 204)
        self.send_error(405)

    def do_GET(self):
        p = self.path.split("?", 1)[0]
        self.csp = p.startswith("/csp")
        if p.endswith("/favicon.ico"):
            return self.send_body(b"", "image/x-icon", 204)
        if p in VENDOR:
            if not os.path.isfile(VENDOR[p]):
                return self.send_body("npm packages missing: run scripts/setup.sh", "text/plain", 404)
            with open(VENDOR[p], "rb") as f:
                return self.send_body(f.read(), "text/javascript")
        if p == "/react.html":
            return self.send_body(react_page())
        if p == "/huge.html":
            q = urllib.parse.parse_qs(self.path.split("?", 1)[1] if "?" in self.path else "", keep_blank_values=True)
            return self.send_body(huge_page(min(int((q.get("n") or ["100000"])[0]), 1000000), "probe" in q))
        if p == "/csp-report":
            return self.send_body(json.dumps({"reports": _reports, "last": _last_reports}), "application/json")
        if p in ("/news/kaspersky-statement.html", "/csp/kaspersky-statement.html"):
            if not os.path.isdir(SEED_DIR):
                return self.send_body("../shared/fixtures/seed is absent", "text/plain", 404)
            return self.send_body(seed_page(p.startswith("/csp")))
        for prefix, base in (("/seed/", SEED_DIR), ("/shared-pages/", PAGES_DIR)):
            if p.startswith(prefix):
                rel = os.path.normpath(p[len(prefix):]).lstrip("/")
                full = os.path.join(base, rel)
                if rel.startswith("..") or not os.path.isfile(full):
                    return self.send_body("not found", "text/plain", 404)
                with open(full, "rb") as f:
                    data = f.read()
                if full.endswith(".html"):
                    return self.send_body(strip_scripts(data.decode("utf-8", "replace")))
                ctype = self.extensions_map.get(os.path.splitext(full)[1], "application/octet-stream")
                return self.send_body(data, ctype)
        if p.startswith("/csp/"):
            # /csp/<file> serves site/<file> with the strict CSP header
            self.path = self.path[4:]
        return super().do_GET()

    do_HEAD = do_GET


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # the browser hangs up on requests it no longer needs: not worth a traceback
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    srv = Server(("127.0.0.1", port), Handler)
    print(f"serving tests/e2e/site on http://127.0.0.1:{port}/ (shared: {'yes' if os.path.isdir(SHARED) else 'absent'})",
          flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
