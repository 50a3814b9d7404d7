#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the figures bench/bench.py measured.

usage: bench/results.py RESULTS.json [RESULTS.md]   (bench.py calls write() itself)
The section between <!-- notes --> and <!-- /notes --> is written by a person (the
causes behind the figures): it is kept from the previous RESULTS.md.
"""
import json
import os
import re
import statistics
import sys

NOTES_START, NOTES_END = "<!-- notes -->", "<!-- /notes -->"
DEFAULT_NOTES = """_Written by a person, kept by the generator: what the profile shows behind each
figure that grows, and why. Until then, see the growth factors above._"""
MIB = 1024.0


def med(xs):
    return statistics.median(xs) if xs else None


def fmt_ms(xs):
    """Median (min–max) in ms."""
    if not xs:
        return "–"
    m = med(xs)
    return "%s (%s–%s)" % (num(m), num(min(xs)), num(max(xs)))


def num(x):
    if x is None:
        return "–"
    if x >= 100:
        return "%.0f" % x
    if x >= 10:
        return "%.1f" % x
    return "%.2f" % x


class Report:
    def __init__(self, r):
        self.r = r
        self.sizes = sorted(r["sizes"], key=int)
        self.lines = []
        self.checks = []  # (target, met or None, where)
        self.section = ""

    def size(self, n):
        return self.r["sizes"][n]

    def q(self, n, name):
        return self.size(n)["queries"].get(name) or self.size(n).get("tui", {}).get(name)

    def header(self):
        return "| | " + " | ".join(label(n) for n in self.sizes) + " | target at 1M |"

    def sep(self):
        return "|---" * (len(self.sizes) + 2) + "|"

    def row(self, name, cells, target="", check=None):
        """check(n) -> value, limit, bigger_is_better: judged at the largest size."""
        verdict = ""
        if check is not None:
            n = self.sizes[-1]
            got = check(n)
            if got is not None:
                value, limit, higher = got
                met = value >= limit if higher else value <= limit
                at = "" if n == "1000000" else " at %s (1M not measured)" % label(n)
                verdict = " — **%s**%s" % ("met" if met else "not met", at)
                self.checks.append((self.section + ": " + name.strip("*"), met, at))
        self.lines.append("| %s | %s | %s%s |" % (name, " | ".join(cells), target, verdict))

    def table(self, title):
        self.section = title.split(" (")[0]
        self.lines += ["", "### " + title, "", self.header(), self.sep()]

    def series(self, name, key="ms"):
        return [fmt_ms((self.q(n, name) or {}).get(key, [])) for n in self.sizes]


def label(n):
    n = int(n)
    return "%dM" % (n // 1000000) if n >= 1000000 else "%dk" % (n // 1000)


def demo_table(rep):
    rep.table("Demo generation (`docket demo --cases N`, once per cached database)")
    d = {n: rep.size(n)["demo"] for n in rep.sizes}
    rep.row("wall", ["%.1f s" % d[n]["wall_s"] for n in rep.sizes], "≤ 60 s",
            lambda n: (d[n]["wall_s"], 60, False))
    rep.row("CPU (user + system)", ["%.1f s" % d[n]["cpu_s"] for n in rep.sizes])
    rep.row("peak RSS", ["%.0f MiB" % (d[n]["peak_rss_kib"] / MIB) for n in rep.sizes])
    rep.row("bytes written", ["%.0f MB" % (d[n]["bytes_written"] / 1e6) for n in rep.sizes])
    rep.row("database size", ["%.0f MB" % (d[n]["db_bytes"] / 1e6) for n in rep.sizes])


def unlock_table(rep):
    rep.table("Unlock (ms; median (min–max))")
    rep.row("Argon2id alone, interactive", rep.series("kdf_interactive"))
    rep.row("Argon2id alone, moderate (default)", rep.series("kdf_moderate"))
    rep.row("unlock (interactive account)", rep.series("unlock"))
    rep.row("unlock beyond the KDF (each less an Argon2id call just before)",
            rep.series("unlock", "beyond_kdf_ms"))
    rep.row("first query of a fresh session (`deadlines --within 0`)",
            rep.series("unlock", "first_query_ms"))


def ms_check(name, limit, key="ms"):
    return lambda rep: (lambda n: (med(rep.q(n, name)[key]), limit, False))


QUERIES = [
    ("dashboard counts", "dashboard", "ms", "≤ 20 ms", 20),
    ("`victim list --awaiting-update`, first row", "victims_awaiting", "first_ms",
     "≤ 20 ms", 20),
    ("`victim list --awaiting-update`, all rows", "victims_awaiting", "ms", "", None),
    ("`deadlines --within 30`, first row", "deadlines_30", "first_ms", "≤ 20 ms", 20),
    ("`deadlines --within 30`, all rows", "deadlines_30", "ms", "", None),
    ("`deadlines --within 0`", "deadlines_0", "ms", "≤ 20 ms", 20),
    ("`case show`", "case_show", "ms", "", None),
    ("`timeline`", "timeline", "ms", "", None),
    ("case list by due, first page (40)", "case_list_due_first", "ms", "", None),
    ("case list by due, last page (40)", "case_list_due_last", "ms", "", None),
]


def rows_per_s(q):
    """Rows per second after the first row (median of the runs' totals and firsts)."""
    rest = med(q["ms"]) - med(q["first_ms"])
    return (q["rows"] - 1) / (rest / 1e3) if rest > 0 and q["rows"] > 1 else None


def query_table(rep):
    rep.table("Queries after unlock (ms; median (min–max), warm session)")
    for title, name, key, target, limit in QUERIES:
        rep.row(title, rep.series(name, key), target,
                ms_check(name, limit, key)(rep) if limit else None)
    rep.row("`deadlines --within 30`, rows/s after the first",
            ["%s (%d rows)" % (fmt_rate(rows_per_s(rep.q(n, "deadlines_30"))),
                               rep.q(n, "deadlines_30")["rows"]) for n in rep.sizes],
            "≥ 1M rows/s",
            lambda n: (rows_per_s(rep.q(n, "deadlines_30")) or 0, 1e6, True))
    rep.row("rows: awaiting update / within 0",
            ["%d / %d" % (rep.q(n, "victims_awaiting")["rows"], rep.q(n, "deadlines_0")["rows"])
             for n in rep.sizes])
    rep.table("Reports (`docket report NAME`, default keys, ms)")
    names = [k for k in rep.size(rep.sizes[0])["queries"] if k.startswith("report_")]
    for k in names:
        rep.row("`report %s`" % k[len("report_"):], rep.series(k))


def fmt_rate(r):
    if r is None:
        return "–"
    return "%.2fM/s" % (r / 1e6) if r >= 1e6 else "%.0fk/s" % (r / 1e3)


def memory_table(rep):
    rep.table("Peak resident memory per command after unlock (MiB; VmHWM reset after unlock)")
    rep.row("resident after unlock", ["%.1f" % (rep.q(n, "unlock")["rss_after_kib"] / MIB)
                                      for n in rep.sizes])
    rep.row("Argon2id peak (apart), interactive / moderate",
            ["%.0f / %.0f" % (rep.q(n, "kdf_interactive")["peak_kib"] / MIB,
                              rep.q(n, "kdf_moderate")["peak_kib"] / MIB) for n in rep.sizes])
    names = [k for k in rep.size(rep.sizes[0])["queries"] if not k.startswith(("kdf", "unlock"))]
    for k in names:
        rep.row(k, ["%.1f" % (rep.q(n, k)["peak_kib"] / MIB) for n in rep.sizes])
    worst = lambda n: max(rep.q(n, k)["peak_kib"] for k in names) / MIB
    rep.row("**every command (max)**", ["%.1f" % worst(n) for n in rep.sizes], "≤ 64 MiB",
            lambda n: (worst(n), 64, False))


TUI = [("unlock to dashboard (incl. Argon2id)", "tui_unlock_to_dashboard", None),
       ("open a case (Enter on the dashboard)", "tui_open_case", None),
       ("back to the dashboard (q)", "tui_back_to_dashboard", 16),
       ("open the case list (l)", "tui_open_list", None),
       ("scroll (j)", "tui_scroll_j", None),
       ("page down (PgDn)", "tui_page_down", None),
       ("jump to the end (G)", "tui_jump_end", None),
       ("back to the top (g)", "tui_jump_top", None)]


def tui_table(rep):
    rep.table("TUI: keypress to drawn screen (ms; in-process on a 120x40 pty)")
    for title, name, limit in TUI:
        rep.row(title, rep.series(name), "≤ %d ms to redraw" % limit if limit else "",
                ms_check(name, limit)(rep) if limit else None)


def taskwarrior_table(rep):
    sizes = [n for n in rep.sizes if "taskwarrior" in rep.size(n)]
    if not sizes:
        return
    rep.lines += ["", "### Against taskwarrior (same live deadlines as tasks; interleaved runs)",
                  "", "| | " + " | ".join(label(n) for n in sizes) + " | target at 100k |",
                  "|---" * (len(sizes) + 2) + "|"]

    def line(title, cells, target=""):
        rep.lines.append("| %s | %s | %s |" % (title, " | ".join(cells), target))

    t = {n: rep.size(n)["taskwarrior"] for n in sizes}
    line("`docket deadlines --within 0`, moderate KDF (whole process, ms)",
         [fmt_ms(t[n]["docket_moderate_ms"]) for n in sizes])
    line("same, interactive KDF", [fmt_ms(t[n]["docket_interactive_ms"]) for n in sizes])
    line("`task +OVERDUE count` (whole process, ms)", [fmt_ms(t[n]["task_ms"]) for n in sizes])
    line("rows: docket within 0 / task count",
         ["%d / %d" % (rep.q(n, "deadlines_0")["rows"], t[n]["task_count"]) for n in sizes])
    ratio = {n: med(t[n]["task_ms"]) / med(t[n]["docket_moderate_ms"]) for n in sizes}
    beyond = {n: med(t[n]["task_ms"]) / med(t[n]["beyond_kdf_ms"])
              for n in sizes if t[n].get("beyond_kdf_ms") and med(t[n]["beyond_kdf_ms"]) > 0}
    engine = {n: med(t[n]["task_engine_ms"]) / max(med(rep.q(n, "deadlines_0")["ms"]), 0.001)
              for n in sizes if t[n]["task_engine_ms"]}
    first = {n: med(t[n]["task_engine_ms"]) / med(rep.q(n, "unlock")["first_query_ms"])
             for n in sizes if t[n]["task_engine_ms"]}
    verdict = lambda d, lim: (" — **%s**" % ("met" if d["100000"] >= lim else "not met")
                              if "100000" in d else "")
    line("whole process: task ÷ docket (moderate)", ["%.1f×" % ratio[n] for n in sizes],
         "≥ 3×" + verdict(ratio, 3))
    line("docket beyond the KDF (whole process less an Argon2id call timed just before, ms)",
         [fmt_ms(t[n].get("beyond_kdf_ms", [])) for n in sizes])
    line("beyond the KDF: task ÷ docket beyond the KDF",
         ["%.0f×" % beyond[n] if n in beyond else "–" for n in sizes],
         "≥ 100×" + verdict(beyond, 100))
    line("whole process: task ÷ docket (interactive)",
         ["%.1f×" % (med(t[n]["task_ms"]) / med(t[n]["docket_interactive_ms"])) for n in sizes])
    line("taskwarrior engine (Perf load+filter+sort, ms)",
         [fmt_ms(t[n]["task_engine_ms"]) for n in sizes])
    line("engine: task ÷ docket warm (`deadlines_0` after unlock)",
         ["%.0f×" % engine[n] if n in engine else "–" for n in sizes])
    line("engine: task ÷ docket's first query of a fresh session",
         ["%.0f×" % first[n] if n in first else "–" for n in sizes])
    for name, d, lim in (("whole process ≥ 3× taskwarrior", ratio, 3),
                         ("beyond the KDF ≥ 100× taskwarrior", beyond, 100)):
        if "100000" in d:
            rep.checks.append((name, d["100000"] >= lim, ""))


GROWTH = [("dashboard counts", "dashboard", "ms"),
          ("victims awaiting, first row", "victims_awaiting", "first_ms"),
          ("victims awaiting, all", "victims_awaiting", "ms"),
          ("deadlines --within 30, first row", "deadlines_30", "first_ms"),
          ("deadlines --within 30, all", "deadlines_30", "ms"),
          ("deadlines --within 0", "deadlines_0", "ms"),
          ("case show", "case_show", "ms"), ("timeline", "timeline", "ms"),
          ("case list, last page", "case_list_due_last", "ms"),
          ("report allegations", "report_allegations", "ms"),
          ("TUI back to the dashboard", "tui_back_to_dashboard", "ms"),
          ("TUI page down", "tui_page_down", "ms")]


KINDS = ("flat or logarithmic", "sublinear", "linear", "worse than linear")


def kind(factor):
    """What a growth factor over 10× the cases says of the cost."""
    if factor < 2:
        return KINDS[0]
    if factor < 6:
        return KINDS[1]
    return KINDS[2] if factor < 15 else KINDS[3]


def growth(rep):
    rep.lines += ["", "## How each figure grows", "",
                  "Growth factor of the median from one size to the next (cases grow 10× each "
                  "step: ~1× is flat, ~1.1–1.5× logarithmic, ~10× linear in the cases).", "",
                  "| figure | " + " | ".join("%s → %s" % (label(a), label(b))
                                             for a, b in zip(rep.sizes, rep.sizes[1:])) + " |",
                  "|---" * len(rep.sizes) + "|"]
    demo = [rep.size(n)["demo"]["wall_s"] for n in rep.sizes]
    cells = ["%.1f×" % (b / a) for a, b in zip(demo, demo[1:])]
    rep.lines.append("| demo generation (wall) | %s |" % " | ".join(cells))
    kinds = {}
    for title, name, key in GROWTH:
        v = [med((rep.q(n, name) or {}).get(key, [])) for n in rep.sizes]
        f = [b / a if a and b else None for a, b in zip(v, v[1:])]
        rep.lines.append("| %s | %s |" % (title, " | ".join("%.1f×" % x if x else "–"
                                                           for x in f)))
        if f and f[-1]:
            kinds.setdefault(kind(f[-1]), []).append("%s (%.1f×)" % (title, f[-1]))
    if len(rep.sizes) > 1:
        a, b = label(rep.sizes[-2]), label(rep.sizes[-1])
        rep.lines += ["", "From %s to %s (10× the cases; filled in by the run): " % (a, b) +
                      "; ".join("%s: %s" % (k, ", ".join(kinds[k])) for k in KINDS if k in kinds)
                      + "."]


def machine(rep):
    m = rep.r["machine"]
    rep.lines += [
        "# Benchmark results", "",
        "_Generated by `./run bench%s` on %s (commit %s, %d runs per figure, %.0f s); "
        "regenerated by each run, except the notes section._" % (
            " --quick" if rep.r["quick"] else "", rep.r["date"], m.get("commit", "?"),
            rep.r["runs"], rep.r.get("elapsed_s", 0)), "",
        "## Machine", "",
        "- CPU: %s, %d cores; RAM %.1f GiB" % (m["cpu"], m["cores"], m["ram_gib"]),
        "- Linux %s, Debian %s" % (m["kernel"], m["debian"]),
        "- SQLCipher %s (SQLite %s); taskwarrior %s" % (m["sqlcipher"], m["sqlite"], m["taskwarrior"]),
        "", "## Commands", "",
        "- `./run bench [--quick]`: release build (`build-release/`), then `bench/bench.py`.",
        "- Databases: `docket init --admin bench --kdf interactive`, `docket demo --cases N "
        "--seed 1`, an administrator `moderate` with the default KDF; cached in "
        "`$BENCH_DIR` (default `~/.cache/docket-bench`) as `demo-N-<hash of the demo code "
        "and schema>.db`.",
        "- Queries: `build-release/bench/bench_query DB bench PASSFILE RUNS` (app calls "
        "in one process, as the CLI makes them).",
        "- TUI: `build-release/bench/bench_tui DB bench PASSFILE RUNS`.",
        "- Taskwarrior: `docket --format json deadlines` (every live deadline) as tasks due "
        "the same day, `task import`; then `docket --user moderate|bench deadlines --within 0` and `task "
        "+OVERDUE count` in turn, and `task rc.debug=1 +OVERDUE count` for its Perf line.",
        "", "## Figures"]


def summary(rep):
    missed = [c for c in rep.checks if not c[1]]
    head = ["", "## Targets", ""]
    if not rep.checks:
        return head + ["No target could be judged."]
    head.append("%d of %d targets met%s." % (len(rep.checks) - len(missed), len(rep.checks),
                                              "" if "1000000" in rep.sizes else
                                              " (judged at the largest size measured)"))
    head += ["- not met: %s%s" % (name, at) for name, _, at in missed]
    return head


def notes_of(path):
    try:
        with open(path) as f:
            m = re.search(re.escape(NOTES_START) + r"\n(.*?)\n" + re.escape(NOTES_END),
                          f.read(), re.S)
            return m.group(1) if m else DEFAULT_NOTES
    except OSError:
        return DEFAULT_NOTES


def write(results, path):
    rep = Report(results)
    machine(rep)
    for part in (demo_table, unlock_table, query_table, memory_table, tui_table,
                 taskwarrior_table):
        part(rep)
    growth(rep)
    body = rep.lines
    out = body[:body.index("## Figures")] + summary(rep) + [""] + body[body.index("## Figures"):]
    out += ["", "## Why (written by a person; the generator keeps this section)", "",
            NOTES_START, notes_of(path), NOTES_END, ""]
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(out))
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        data = json.load(f)
    write(data, sys.argv[2] if len(sys.argv) > 2 else
          os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"))
