#!/usr/bin/env python3
"""Hostile-page figures in Firefox (a benchmark: prints numbers, never fails on timing). The same
pages and measurements as tests/e2e/hostile.js, driven like tests/e2e/firefox.py.

    node extension/build.mjs && python3 tests/e2e/hostile_firefox.py [--n 100000] [--seconds 60] [--ext dist/firefox]

Firefox has no longtask API, so main-thread blocking is measured on the page itself: site/probe.js
runs a 10 ms interval timer after the load event and records how late it fires (a late timer means
the page's main thread was busy that long: with us, the page, or the garbage collector). CPU over
--seconds on /clock.html: ChromeUtils.requestProcInfo() (CPU time of Firefox's parent and every
child process), labels on vs. the site set to "never".
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from firefox import REPO, CountingProxy, Firefox, Suite, free_port, start_server  # noqa: E402

CPU_JS = """
const done = arguments[arguments.length - 1];
ChromeUtils.requestProcInfo().then((info) => {
  let ns = info.cpuTime;
  for (const c of info.children) ns += c.cpuTime;
  done(ns / 1e9);
});
"""


def cpu(ff):
    ff.cmd("POST", "/moz/context", {"context": "chrome"})
    try:
        return ff.execute(CPU_JS, asynchronous=True)
    finally:
        ff.cmd("POST", "/moz/context", {"context": "content"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--geckodriver", default=os.path.expanduser("~/.cargo/bin/geckodriver"))
    ap.add_argument("--firefox", default="/usr/bin/firefox-esr")
    ap.add_argument("--ext", default=os.path.join(REPO, "dist", "firefox"), help="the built Firefox extension")
    a = ap.parse_args()
    ext = os.path.abspath(a.ext)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    proxy = CountingProxy()
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    ff = Firefox(a.geckodriver, a.firefox, ext, proxy.port)
    try:
        ff.open_control()
        s = Suite(ff, base, proxy)
        print(f"Firefox {ff.cmd('GET', '/status') if False else ''}extension {ext}", flush=True)
        for mode in ("labels", "page alone"):
            s.set_storage({} if mode == "labels" else {"sites": {s.host: "never"}})
            s.open(f"/huge.html?n={a.n}&probe")
            if mode == "labels":
                s.wait_done(timeout=180)
            else:
                time.sleep(5)
            time.sleep(1)
            p = ff.js("return window.__probe;")
            line = (f"huge page, {a.n} paragraphs, {mode}: max timer lateness after load {p['maxGap']:.0f} ms, "
                    f"{len(p['gaps'])} timer delays over 50 ms")
            if mode == "labels":
                st = s.send({"type": "stats"})
                line += (f"; first label {p['firstLabel'] - p['load']:.0f} ms after load, scan done {p['done'] - p['load']:.0f} ms "
                         f"after load; {s.count_attr()} labels; last scan: {st['last']['blocks']} blocks, {st['last']['chars']} chars, "
                         f"main thread {st['last']['mainMs']:.0f} ms (longest slice {st['last']['longestSliceMs']:.0f} ms), engine {st['last']['analyzeMs']:.0f} ms")
            print(line, flush=True)
        for mode in ("labels", "page alone") if a.seconds > 0 else ():
            s.set_storage({} if mode == "labels" else {"sites": {s.host: "never"}})
            s.open("/clock.html")
            if mode == "labels":
                s.wait_done()
                s0 = s.send({"type": "stats"})
            else:
                time.sleep(1)
            c0 = cpu(ff)
            time.sleep(a.seconds)
            c1 = cpu(ff)
            line = f"clock page, {a.seconds} s, {mode}: all Firefox processes {c1 - c0:.2f} s CPU"
            if mode == "labels":
                s1 = s.send({"type": "stats"})
                line += f"; {s1['scanRuns'] - s0['scanRuns']} rescans for {s1['rescansRequested'] - s0['rescansRequested']} changes inside the article"
            print(line, flush=True)
    finally:
        ff.quit()
        proxy.shutdown()
        server.terminate()


if __name__ == "__main__":
    main()
