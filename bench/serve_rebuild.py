#!/usr/bin/env python3
"""Times one-edit rebuilds in a running `vial serve`.

    python3 bench/serve_rebuild.py SITE_DIR [RUNS] [--timings] [--only KIND]

Starts `target/release/vial serve` on SITE_DIR (e.g. a corpus made by
`cargo run --release --example gen_corpus`), then for each kind of edit (a
product's text, a guide, a template) writes the file and measures the time
from the write to the server's summary line, which it prints only once every
file of the rebuild is written. Reports the median and maximum over RUNS, and
the pages re-rendered. The site's files are restored afterwards. With
`--timings`, also prints each kind's stage timings (`vial serve --timings`),
summed over the runs. `--only product` (or `guide`, `template`) times one
kind of edit.
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import queue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# VIAL_BIN picks another binary, for side-by-side runs.
VIAL = os.environ.get("VIAL_BIN") or os.path.join(ROOT, "target", "release", "vial")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_file(folder, ext):
    return os.path.join(folder, sorted(f for f in os.listdir(folder) if f.endswith(ext))[0])


def main():
    argv = sys.argv[1:]
    only = None
    if "--only" in argv:
        at = argv.index("--only")
        only = argv[at + 1] if at + 1 < len(argv) else sys.exit(__doc__)
        del argv[at:at + 2]
    args = [a for a in argv if a != "--timings"]
    timings = "--timings" in argv
    if not args:
        sys.exit(__doc__)
    site = os.path.abspath(args[0])
    runs = int(args[1]) if len(args) > 1 else 5
    port = free_port()
    server = subprocess.Popen(
        [VIAL, "serve", "--root", site, "--port", str(port)] + (["--timings"] if timings else []),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )
    lines = queue.Queue()

    def pump():
        for line in server.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(pattern, timeout=600):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if re.search(pattern, line):
                return at, line
        raise SystemExit(f"timed out waiting for {pattern!r}")

    try:
        wait_for(r"serving at")
        wait_for(r"^built |error")  # the first, full build
        time.sleep(1.0)  # let the watcher settle
        while not lines.empty():
            lines.get()
        template = os.path.join(site, "templates", "product.html")
        cases = [
            ("product text", first_file(os.path.join(site, "content", "products"), ".yaml"), "summary: ", "summary: Edited {n}. "),
            ("guide", first_file(os.path.join(site, "content", "guides"), ".md"), "\n---\n", "\n---\n\nEdited paragraph {n}.\n"),
            ("template", template, None, None),
        ]
        cases = [c for c in cases if only is None or c[0].startswith(only)]
        print("| edit | pages re-rendered | median ms | max ms |")
        print("|---|---|---|---|")
        stages = {}
        for what, path, old, new in cases:
            original = open(path).read() if os.path.exists(path) else None
            times, pages = [], ""
            stages[what] = {}
            for n in range(runs):
                if what == "template":
                    text = ('{% extends "base.html" %}{% block content %}<h1>{{ product.name }}</h1>'
                            f"<!-- edit {n} -->{{% endblock content %}}")
                else:
                    text = original.replace(old, new.format(n=n), 1)
                time.sleep(0.3)
                while not lines.empty():  # a late line of the previous edit
                    lines.get()
                os.makedirs(os.path.dirname(path), exist_ok=True)
                start = time.perf_counter()
                with open(path, "w") as f:
                    f.write(text)
                at, line = wait_for(r"^rebuilt|error")
                times.append((at - start) * 1000)
                found = re.search(r"(\d+) pages? re-rendered", line)
                pages = found.group(1) if found else line
                while timings:
                    _, row = wait_for(r"\bms\b")
                    stage = re.match(r"\s*(.*?)\s+([\d.]+) ms", row)
                    if stage:
                        name, ms = stage.group(1), float(stage.group(2))
                        stages[what][name] = stages[what].get(name, 0) + ms / runs
                    if row.strip().startswith("total"):
                        break
            if original is None:
                os.remove(path)
            else:
                with open(path, "w") as f:
                    f.write(original)
            wait_for(r"^rebuilt|error")
            print(f"| {what} | {pages} | {statistics.median(times):.0f} | {max(times):.0f} |")
        for what, table in stages.items():
            if table:
                print(f"\n{what}, mean ms per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in table.items()))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
