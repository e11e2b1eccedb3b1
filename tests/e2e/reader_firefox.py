"""The reader's features in Firefox (issue 11 and the extension side of issue 9): the popup's voices
summary, the exports, copying a quote from its card, moving between quotes (the command's message),
confidence thresholds, axe-core checks and the German interface (a second browser). Used by tests/e2e/firefox.py, with its browser, server and
helpers:  tests += reader_firefox.tests(suite)
"""
import base64
import json
import os
import re
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "out")
AXE_PATH = os.path.join(REPO, "node_modules", "axe-core", "axe.min.js")
PAGE = "/reader.html"  # tests/e2e/site/reader.html
BAD_IMPACT = ("serious", "critical")
# the German interface: the browser's requested locale (the Debian language pack supplies it)
GERMAN_PREFS = {"intl.locale.requested": "de", "intl.accept_languages": "de"}

# the focused label as the page sees it (its host); what is inside comes from 'inspect'
FOCUSED_JS = """const a = document.activeElement;
return a && a.hasAttribute('data-quotelens-quote') ? a.getAttribute('data-quotelens-quote') : null;"""

AXE_RUN = """const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  (r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))),
  (e) => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));"""


class Reader:
    def __init__(self, suite, check, eq, failure, uuid):
        self.s = suite
        self.uuid = uuid
        self.ff = suite.ff
        self.check = check
        self.eq = eq
        self.failure = failure
        with open(AXE_PATH, encoding="utf-8") as f:
            self.axe_src = f.read()

    # -- helpers

    def labels(self):
        """The labels (firefox.py: the page's view plus the content script's 'inspect', since labels
        and cards are in closed shadow roots): id, speaker, text, button class, accessible name."""
        return [{"id": l["id"], "speaker": l["speaker"], "text": l["text"], "cls": l["inside"].get("cls") or "",
                 "aria": l["ariaLabel"] or ""} for l in self.s.labels()]

    def inside(self, qid):
        """What 'inspect' reports for one label (class, focus, the open card). The message is sent
        from the control tab; the page's tab is made the active one first, so that the page has
        focus while the content script reads it (Firefox matches :focus only in a focused document)."""
        got = self.ff.ext("""await browser.tabs.update(args[0], {active: true});
          for (let i = 0; i < 30; i++) {
            const r = await browser.tabs.sendMessage(args[0], args[1]);
            if (!r || !r.length || r[0].docFocused) return r;
            await new Promise((ok) => setTimeout(ok, 100));
          }
          return await browser.tabs.sendMessage(args[0], args[1]);""", self.s.page_tab_id(), {"type": "inspect"})
        return next((x for x in (got or []) if x["id"] == qid), None)

    def where(self):
        """The focused label and its card: {id, open, role, inCard, outline, labelFocused} or None."""
        qid = self.ff.js(FOCUSED_JS)
        if not qid:
            return None
        x = self.inside(qid)
        self.check(x and x["hostFocused"], f"the page and the content script disagree on the focused label {qid}")
        card = x["card"]
        return {"id": qid, "open": bool(card), "role": card and card["role"], "inCard": bool(card and card["focusInCard"]),
                "outline": x["focusOutline"] or "none", "labelFocused": x["focused"]}

    def click_label(self, qid):
        """A real click on a label (inspect's rect of its button); returns inspect once the card is open."""
        self.click_at(self.inside(qid)["rect"])
        t0 = time.time()
        while time.time() - t0 < 5:
            x = self.inside(qid)
            if x and x["card"]:
                return x
            time.sleep(0.1)
        raise self.failure(f"clicking label {qid} opened no card")

    def open_ext_tab(self, path):
        """Opens an extension page (moz-extension://…/path) in a new tab; returns its handle."""
        ff = self.ff
        before = set(ff.cmd("GET", "/window/handles"))
        url = f"moz-extension://{self.uuid}/{path}"
        ff.chrome("gBrowser.addTab(arguments[0], {triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); return true;", url)
        for _ in range(100):
            new = [h for h in ff.cmd("GET", "/window/handles") if h not in before]
            if new:
                return new[0]
            time.sleep(0.1)
        raise self.failure(f"{path} did not open")

    def in_tab(self, handle, script, *args, asynchronous=False):
        self.ff.switch(handle)
        try:
            return self.ff.execute(script, *args, asynchronous=asynchronous)
        finally:
            self.ff.switch(self.ff.page)

    def wait_tab(self, handle, script, what, timeout=15):
        t0 = time.time()
        while time.time() - t0 < timeout:
            try:
                if self.in_tab(handle, script):
                    return
            except Exception:
                pass
            time.sleep(0.1)
        raise self.failure(f"timed out waiting for {what}")

    def close_tab(self, handle):
        self.ff.switch(handle)
        self.ff.cmd("DELETE", "/window")
        self.ff.switch(self.ff.page)

    def axe(self, handle, what):
        """axe-core in a tab (the page tab when handle is None): no serious or critical violation."""
        handle = handle or self.ff.page
        self.in_tab(handle, self.axe_src + "\n;return typeof axe;")
        r = self.in_tab(handle, AXE_RUN, asynchronous=True)
        bad = [v for v in r if v["impact"] in BAD_IMPACT]
        self.check(not bad, f"axe on {what}: " + "; ".join(f"{v['impact']} {v['id']} at {', '.join(v['nodes'])}" for v in bad))

    def popup(self):
        h = self.open_ext_tab(f"popup.html?tabId={self.s.page_tab_id()}")
        self.wait_tab(h, "return document.querySelectorAll('#voices .qlv-speakers tbody tr').length > 0;", "the voices summary")
        return h

    def click_at(self, rect):
        """A real (trusted) click in the page tab at the middle of a client rect."""
        x, y = int((rect["left"] + rect["right"]) / 2), int((rect["top"] + rect["bottom"]) / 2)
        self.ff.switch(self.ff.page)
        self.ff.cmd("POST", "/actions", {"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
            {"type": "pointerMove", "x": x, "y": y, "origin": "viewport"}, {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}]}]})
        self.ff.cmd("DELETE", "/actions")

    def start(self):
        self.s.set_storage({})
        self.s.open(PAGE)
        self.s.wait_done()
        return self.labels()

    # -- tests

    def t_voices(self):
        ls = self.start()
        self.check(len(ls) >= 6, f"only {len(ls)} labels on {PAGE}")
        h = self.popup()
        try:
            order = self.in_tab(h, "return [...document.querySelectorAll('main > section, main > div')].map((e) => e.id).filter(Boolean);")
            self.eq(order[0], "voices-section", "first section of the popup")
            rows = self.in_tab(h, """return [...document.querySelectorAll('.qlv-speakers tbody tr')].map((tr) =>
              [tr.querySelector('th').textContent, Number(tr.querySelector('.qlv-count').textContent)]);""")
            per = {}
            for l in ls:
                per[l["speaker"] or "Unattributed"] = per.get(l["speaker"] or "Unattributed", 0) + 1
            self.eq(dict((r[0], r[1]) for r in rows), per, "quotes per speaker in the voices table")
            self.eq(rows[-1][0], "Unattributed", "unattributed quotes last, counted apart")
            cats = dict(self.in_tab(h, """return [...document.querySelectorAll('.qlv-categories tbody tr')].map((tr) =>
              [tr.querySelector('th').textContent, Number(tr.querySelector('.qlv-count').textContent)]);"""))
            self.eq(cats.get("People"), 4, "quotes by people")
            self.eq(cats.get("Organisations"), 1, "quotes by organisations")
            self.eq(cats.get("Unattributed quotes"), 1, "unattributed quotes")
            self.check(cats.get("Unnamed sources", 0) + cats.get("Other speakers", 0) >= 1, f"the unnamed source is not counted: {cats}")
            self.eq(sum(cats.values()), len(ls), "categories add up to the labels")
            self.check(self.in_tab(h, "return [...document.querySelectorAll('.qlv-track')].every((t) => t.getAttribute('aria-hidden') === 'true');"),
                       "bars are hidden from screen readers")
            self.axe(h, "the popup")
            self.ff.switch(h)
            try:
                with open(os.path.join(OUT, "firefox-popup-voices.png"), "wb") as f:
                    f.write(base64.b64decode(self.ff.cmd("GET", "/screenshot")))
            finally:
                self.ff.switch(self.ff.page)
        finally:
            self.close_tab(h)

    def t_export(self):
        ls = self.start()
        h = self.popup()
        try:
            get = lambda fmt: self.in_tab(h, "const done = arguments[1]; QuoteLensPopup.exportFile(arguments[0]).then(done, (e) => done({error: String(e)}));",
                                          fmt, asynchronous=True)
            j = get("json")
            data = json.loads(j["text"])
            self.eq(data["page"]["headline"], "Harbour bridge to close for two months, city says", "headline from JSON-LD")
            self.eq(data["page"]["site"], "The Test Gazette", "site")
            self.eq(data["page"]["url"], "http://127.0.0.1/news/harbour-bridge", "canonical URL")
            self.eq(len(data["quotes"]), len(ls), "exported quotes")
            c = get("csv")["text"]
            lines = c[1:].split("\r\n")
            self.eq(lines[-1], "", "CSV ends with CRLF")
            self.eq(len(lines) - 2, len(ls), "CSV rows")
            self.check(all(l.endswith(',"Harbour bridge to close for two months, city says",The Test Gazette,2026-03-14T09:30:00Z,http://127.0.0.1/news/harbour-bridge') for l in lines[1:-1]),
                       "page metadata on every CSV row, quoted where it holds a comma")
            m = get("md")
            self.check(m["text"].startswith("# Quotes in *Harbour bridge to close for two months, city says*\n"), m["text"][:80])
            self.eq(m["name"], "quotelens-harbour-bridge-to-close-for-two-months-city-says.md", "file name")
        finally:
            self.close_tab(h)

    def t_copy(self):
        ls = self.start()
        qid = next(l["id"] for l in ls if l["speaker"] == "Priya Nair")
        x = self.click_label(qid)
        self.check(x["card"]["copy"], "the card has no copy button")
        self.click_at(x["card"]["copy"]["rect"])
        copied = ""
        t0 = time.time()
        while "Copied" not in copied and time.time() - t0 < 5:
            c = (self.inside(qid) or {}).get("card") or {}
            copied = (c.get("copy") or {}).get("text") or ""
            if "Copied" not in copied:
                time.sleep(0.1)
        self.check("Copied" in copied, f"the copy button says {copied!r}")
        # paste into an editable element of the test's own making: rich text arrives as HTML
        self.ff.js("""const d = document.createElement('div'); d.id = 'paste-here'; d.contentEditable = 'true';
          d.style.cssText = 'position:fixed;top:0;left:0;width:300px;height:80px;background:#fff;z-index:1'; document.body.prepend(d); d.focus(); return true;""")
        self.ff.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": [
            {"type": "keyDown", "value": "\uE009"}, {"type": "keyDown", "value": "v"}, {"type": "keyUp", "value": "v"}, {"type": "keyUp", "value": "\uE009"}]}]})
        self.ff.cmd("DELETE", "/actions")
        got = self.ff.wait_for("const d = document.getElementById('paste-here'); return d.textContent && {text: d.textContent, html: d.innerHTML};", what="the pasted quote")
        self.eq(got["text"], "“The cables are older than anyone who works on them,” — Priya Nair, the city’s chief engineer, in Harbour bridge to close for two months, city says, The Test Gazette, 2026-03-14, http://127.0.0.1/news/harbour-bridge", "pasted text")
        self.check("<i>Harbour bridge to close for two months, city says</i>" in got["html"], f"rich text has no italic headline: {got['html']}")
        self.check('href="http://127.0.0.1/news/harbour-bridge"' in got["html"], "rich text links the page")
        self.ff.js("document.getElementById('paste-here').remove(); return true;")

    def t_keyboard(self):
        ls = self.start()
        for l in ls:
            who = l["speaker"] or "unknown speaker (unattributed)"
            self.check(any(l["aria"].startswith(f"quote by {who}, {k}") for k in ("direct", "mixed", "indirect")), f"accessible name: {l['aria']}")
        seen = []
        for i in range(len(ls)):
            r = self.s.send({"type": "navigate", "dir": 1})
            self.check(r and r.get("ok"), f"navigate answered {r}")
            w = self.where()
            self.check(w and w["open"] and w["inCard"], f"after next #{i + 1}: {w}")
            self.eq(w["role"], "dialog", "card role")
            self.check(w["outline"] != "none", f"focus is visible in the card: {w}")
            seen.append(w["id"])
            if i == 0:
                # the reader switches to another tab for a while and comes back: the card is still
                # open with focus inside (it closed 250 ms after the window lost focus, once)
                self.ff.ext("await new Promise((ok) => setTimeout(ok, 800)); return true;")
                w2 = self.where()
                self.check(w2 and w2["id"] == w["id"] and w2["open"] and w2["inCard"], f"after leaving the tab and coming back: {w2}")
        self.eq(seen, [l["id"] for l in ls], "next visits every quote in page order")
        self.s.send({"type": "navigate", "dir": -1})
        self.eq(self.where()["id"], ls[-2]["id"], "previous goes back")
        self.ff.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": [
            {"type": "keyDown", "value": "\uE00C"}, {"type": "keyUp", "value": "\uE00C"}]}]})
        self.ff.cmd("DELETE", "/actions")
        w = self.where()
        self.check(w and not w["open"], f"Escape did not close the card: {w}")
        self.check(w["labelFocused"] and w["outline"] != "none", f"Escape returns focus to the label, visibly: {w}")
        # axe-core cannot enter the closed shadow roots: here it checks the page with the overlay and
        # the label hosts; the card (render.js buildCard, open roots on the demo) is checked by axe in
        # tests/www/demo.test.js, its role, focus and focus ring above
        self.axe(None, "a labelled page (axe sees the light DOM only)")
        # the command reaches the content script through the background: the manifest has it
        cmds = self.in_tab(self.ff.control, "const d = arguments[0]; browser.commands.getAll().then((c) => d(c.map((x) => x.name)));", asynchronous=True)
        self.check("next-quote" in cmds and "previous-quote" in cmds, f"commands: {cmds}")

    def t_thresholds(self):
        ls = self.start()
        self.check(not any("12 million" in l["text"] for l in ls), "the 0.67 sentence-subject label (12 million) is hidden by default")
        berg = next((l for l in ls if l["speaker"] == "Jonas Berg"), None)
        self.check(berg and " uncertain" in berg["cls"] and "uncertain" in berg["aria"], f"the 0.89 leading-cue label (Berg) is not drawn as uncertain: {berg}")
        self.check(all("uncertain" not in l["cls"] for l in ls if l["speaker"] == "Priya Nair"), "a 0.95 label is drawn as uncertain")
        h = self.open_ext_tab("options.html")
        try:
            self.wait_tab(h, "return document.querySelector('#uncertain-below-out').textContent !== '';", "the options page")
            self.eq(self.in_tab(h, "return [document.querySelector('#min-confidence-out').textContent, document.querySelector('#uncertain-below-out').textContent];"),
                    ["80%", "90%"], "default thresholds on the options page")
            self.axe(h, "the options page")
        finally:
            self.close_tab(h)
        # lower both (the options page's sliders write these keys; chrome.js drives the sliders)
        self.s.set_storage({"minConfidence": 0.5, "uncertainBelow": 0.6})
        self.ff.wait_for("return [...document.querySelectorAll('[data-quotelens-quote]')].some((e) => /12 million/.test(e.getAttribute('data-quotelens-text')));",
                         timeout=10, what="the 0.67 label after lowering the threshold")
        self.check(not any(" uncertain" in l["cls"] for l in self.labels()), "nothing is uncertain below 60 %")
        self.s.set_storage({})

    def t_german(self):
        """A second Firefox whose interface language is German: popup, options page, a label's
        accessible name and its card in German (as reader_chrome.js checks in Chromium)."""
        with open(os.path.join(self.s.ext_path, "_locales", "de", "messages.json"), encoding="utf-8") as f:
            de = {k: v["message"] for k, v in json.load(f).items()}
        ff = self.s.new_firefox(GERMAN_PREFS)
        s = None
        try:
            # without the language pack Firefox has no German to give the extension: fail, never skip
            have = ff.chrome("return [Services.locale.availableLocales, Services.locale.appLocaleAsBCP47];")
            self.check("de" in have[0], f"Firefox has no German language pack (available locales {have[0]}): "
                       "apt-get install firefox-esr-l10n-de (scripts/setup.sh --test installs it)")
            self.eq(have[1], "de", "Firefox's interface language")
            ff.instrument()
            ff.open_control()
            s = type(self.s)(ff, self.s.base, self.s.proxy)
            s.current = self.s.current
            r = Reader(s, self.check, self.eq, self.failure, self.uuid)
            self.eq(ff.ext("return browser.i18n.getUILanguage();"), "de", "browser.i18n.getUILanguage()")
            ls = r.start()
            p = r.popup()
            try:
                self.eq(r.in_tab(p, "return document.documentElement.lang;"), "de", "popup lang attribute")
                got = r.in_tab(p, """const q = (s) => document.querySelector(s).textContent;
                  return [q('#voices-title'), q('.qlv-categories caption'), q('.qlv-categories'), q('label.switch span')];""")
                self.eq(got[0], "Stimmen", "voices title")
                self.eq(got[1], "Art der Quelle", "voices table caption")
                self.check("Personen" in got[2], f"category names in German: {got[2]}")
                self.eq(got[3], "Beschriftungen auf dieser Seite", "page toggle")
                o = r.open_ext_tab("options.html")
                try:
                    r.wait_tab(o, "return document.documentElement.lang === 'de';", "the German options page")
                    # every data-i18n element shows the German message
                    for h, what in ((p, "popup"), (o, "options")):
                        els = r.in_tab(h, "return [...document.querySelectorAll('[data-i18n]')].map((e) => [e.getAttribute('data-i18n'), e.textContent]);")
                        self.check(len(els) > 3, f"no localised elements on the {what}")
                        for k, text in els:
                            self.eq(text, de[k], f"{what} [data-i18n={k}]")
                finally:
                    r.close_tab(o)
                r.axe(p, "the German popup")
                ff.switch(p)
                try:
                    with open(os.path.join(OUT, "firefox-popup-de.png"), "wb") as f:
                        f.write(base64.b64decode(ff.cmd("GET", "/screenshot")))
                finally:
                    ff.switch(ff.page)
            finally:
                r.close_tab(p)
            # the labels' accessible names and a card, read with the content script's 'inspect'
            self.check(ls, f"no labels on {PAGE} in the German browser")
            self.check(ls[0]["aria"].startswith("Zitat von Priya Nair, direkt"), f"label name in German: {ls[0]['aria']}")
            x = r.click_label(ls[0]["id"])
            card = x["card"]
            self.eq((card.get("copy") or {}).get("text"), "Zitat mit Quelle kopieren", "card copy button")
            self.check(re.search(r"Direktes Zitat · Sicherheit \d+\s%", card["text"]) and "Alle 2 Zitate von Priya Nair" in card["text"],
                       f"card in German: {card['text']}")
        finally:
            # this browser's console errors and HTTP requests join the run's: the last test checks them
            try:
                if s:
                    s.collect()
                self.s.errors += s.errors
                self.s.requests += s.requests
            except Exception:
                pass
            ff.quit()


def tests(suite, check, eq, failure, uuid):
    r = Reader(suite, check, eq, failure, uuid)
    return [
        ("reader: the popup opens on the voices summary (speakers, kinds of source, direct vs paraphrased), a real table", r.t_voices),
        ("reader: export as JSON, CSV (RFC 4180) and Markdown, with the page metadata", r.t_export),
        ("reader: copy a quote from its card as text and rich text", r.t_copy),
        ("reader: next/previous quote opens each card in order, Esc closes, focus visible, names, axe", r.t_keyboard),
        ("reader: confidence thresholds (hide below 80 %, uncertain below 90 %; options change both)", r.t_thresholds),
        ("reader: German interface from the browser's language (a second Firefox, de language pack): popup, options, "
         "label names, card", r.t_german),
    ]
