#!/usr/bin/env python3
"""The benchmark of issue 14, run by `./run bench [--quick]` after the release build.

Generates (once, cached in $BENCH_DIR, default ~/.cache/docket-bench) demo databases of
10k, 100k and 1M cases (--quick: 10k and 100k), keyed by a hash of the demo's code and the
schema, and times: the demo itself (wall, CPU, peak RSS, bytes written), every query after
unlock (build-release/bench/bench_query), the TUI from keypress to drawn screen
(bench_tui, on a pseudo-terminal), and docket against taskwarrior on the same deadlines
(whole process and engine time, interleaved). Writes the raw figures to
$BENCH_DIR/results-<key>.json and bench/RESULTS.md (bench/results.py).
Environment: BENCH_DIR; BENCH_SIZES (e.g. "10000,100000") overrides the sizes;
BENCH_RUNS the repetitions.
"""
import glob
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build-release")
DOCKET = os.path.join(BUILD, "src", "docket")
PASSPHRASE = "benchmark passphrase"
ADMIN = "bench"        # interactive KDF: what the queries and the TUI unlock as
MODERATE = "moderate"  # the default KDF: the whole-process comparison
TASK_SIZES = (10000, 100000)  # taskwarrior's import of 1M tasks would take hours


def say(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def demo_key():
    """A hash of what shapes the demo: a change regenerates the databases."""
    h = hashlib.sha256()
    files = sorted(glob.glob(os.path.join(ROOT, "src/app/app_demo*.c")) +
                   glob.glob(os.path.join(ROOT, "schema/*.sql")))
    for f in files:
        h.update(os.path.relpath(f, ROOT).encode())
        with open(f, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:12]


def open_pass():
    """In the child, before exec: the passphrase file on fds 3 and 4, one open file each
    (a shared offset would give the whole line to the first reader)."""
    for n in (3, 4):
        fd = os.open(PASSFILE, os.O_RDONLY)
        if fd == n:
            os.set_inheritable(fd, True)
        else:
            os.dup2(fd, n)
            os.close(fd)


def timed(cmd, env=None, passphrase=False):
    """Runs cmd (with the passphrase file on fds 3 and 4 when asked); returns wall s, CPU s,
    peak RSS KiB and bytes written, from the child's rusage."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env, close_fds=not passphrase,
                         preexec_fn=open_pass if passphrase else None)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit("bench: failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return {"wall_s": wall, "cpu_s": ru.ru_utime + ru.ru_stime, "user_s": ru.ru_utime,
            "sys_s": ru.ru_stime, "peak_rss_kib": ru.ru_maxrss,
            "bytes_written": ru.ru_oublock * 512}


def docket(db, user, *args):
    """A docket command line reading the passphrase on fd 3."""
    return [DOCKET, "--db", db, "--user", user, "--passphrase-fd", "3"] + list(args)


PASSFILE = None  # set by main: the passphrase, one line


def with_pass(cmd):
    """Runs cmd with the passphrase file open on fds 3 and 4 (--new-passphrase-fd 4)."""
    return timed(cmd, passphrase=True)


def drop_stale(bench_dir, n, key):
    """Databases and task data of n cases made by another demo: they only take room."""
    for old in glob.glob(os.path.join(bench_dir, "demo-%d-*.db*" % n)):
        if not os.path.basename(old).startswith("demo-%d-%s.db" % (n, key)):
            os.remove(old)
    for old in glob.glob(os.path.join(bench_dir, "task-%d-*" % n)):
        if os.path.basename(old) != "task-%d-%s" % (n, key):
            shutil.rmtree(old, ignore_errors=True)


def ensure_db(bench_dir, n, key):
    """The cached demo database of n cases (generated when missing) and its generation figures."""
    db = os.path.join(bench_dir, "demo-%d-%s.db" % (n, key))
    meta = db + ".json"
    if os.path.exists(meta):
        with open(meta) as f:
            return db, json.load(f)
    drop_stale(bench_dir, n, key)
    for old in glob.glob(db + "*"):
        os.remove(old)
    say("generating the %d-case demo (cached in %s)" % (n, bench_dir))
    with_pass(docket(db, ADMIN, "init", "--admin", ADMIN, "--kdf", "interactive"))
    gen = with_pass(docket(db, ADMIN, "demo", "--cases", str(n), "--seed", "1"))
    gen["db_bytes"] = os.path.getsize(db)
    gen["built"] = time.strftime("%Y-%m-%d")
    with_pass(docket(db, ADMIN, "user", "add", MODERATE, "--role", "admin", "--kdf",
                     "moderate", "--new-passphrase-fd", "4"))
    say("demo %d: %.1f s wall, %.1f s CPU" % (n, gen["wall_s"], gen["cpu_s"]))
    with open(meta, "w") as f:
        json.dump(gen, f)
    return db, gen


def json_lines(cmd):
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return {o["query"]: o for o in map(json.loads, out.splitlines())}


def export_deadlines(db):
    """Every live deadline, as `docket --format json deadlines` prints them."""
    cmd = docket(db, ADMIN, "deadlines")
    out = subprocess.run(cmd[:1] + ["--format", "json"] + cmd[1:], check=True,
                         stdout=subprocess.PIPE, close_fds=False, preexec_fn=open_pass).stdout
    return json.loads(out)


def as_tasks(deadlines):
    """One pending task per live deadline, due at the start of the same (local) day."""
    return [{"description": " ".join(filter(None, (d["ref"], d["rule"], d.get("victim")))),
             "due": d["due"].replace("-", "") + "T000000", "status": "pending",
             "project": "docket"} for d in deadlines]


def taskwarrior_data(bench_dir, db, n, key):
    """A private TASKRC/TASKDATA holding docket's live deadlines as tasks (cached)."""
    data = os.path.join(bench_dir, "task-%d-%s" % (n, key))
    rc = os.path.join(data, "taskrc")
    env = dict(os.environ, TASKRC=rc, TASKDATA=data)
    if os.path.exists(os.path.join(data, "imported")):
        return env
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    with open(rc, "w") as f:
        f.write("data.location=%s\nconfirmation=off\ngc=off\nverbose=nothing\n"
                "hooks=off\nrecurrence=off\nnews.version=2.6.2\n" % data)
    tasks = os.path.join(data, "tasks.json")
    with open(tasks, "w") as out:
        json.dump(as_tasks(export_deadlines(db)), out)
    say("importing the %d-case deadlines into taskwarrior (cached)" % n)
    t0 = time.perf_counter()
    subprocess.run(["task", "rc.confirmation=off", "import", tasks], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(data, "imported"), "w") as f:
        f.write("%.1f\n" % (time.perf_counter() - t0))
    return env


PERF = re.compile(r"Perf task \S+ - \S+ (.*)")


def versus_taskwarrior(db, env, runs):
    """Whole processes interleaved: docket (moderate, interactive) and task +OVERDUE count."""
    res = {"docket_moderate_ms": [], "docket_interactive_ms": [], "task_ms": [],
           "task_engine_ms": [], "task_total_ms": [], "beyond_kdf_ms": []}
    kdf_cmd = [os.path.join(BUILD, "bench", "bench_query"), "--kdf", "interactive"]
    task_cmd = ["task", "+OVERDUE", "count"]
    count = subprocess.run(task_cmd, env=env, check=True, stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    res["task_count"] = int(count or 0)
    for _ in range(runs):
        r = with_pass(docket(db, MODERATE, "deadlines", "--within", "0"))
        res["docket_moderate_ms"].append(r["wall_s"] * 1e3)
        # Beyond the KDF: the same process less an Argon2id call timed just before (its
        # costs are those of the account: the interactive one, the smaller noise).
        kdf = float(subprocess.run(kdf_cmd, check=True, stdout=subprocess.PIPE,
                                   text=True).stdout)
        r = with_pass(docket(db, ADMIN, "deadlines", "--within", "0"))
        res["docket_interactive_ms"].append(r["wall_s"] * 1e3)
        res["beyond_kdf_ms"].append(r["wall_s"] * 1e3 - kdf)
        r = timed(task_cmd, env=env)
        res["task_ms"].append(r["wall_s"] * 1e3)
        out = subprocess.run(["task", "rc.debug=1"] + task_cmd[1:], env=env, check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
        m = PERF.search(out)
        if m:
            phases = {k: int(v) for k, v in re.findall(r"(\w+):(\d+)", m.group(1))}
            # The engine: loading and filtering the tasks (init and rendering apart).
            res["task_engine_ms"].append((phases.get("load", 0) + phases.get("filter", 0) +
                                          phases.get("sort", 0)) / 1e3)
            res["task_total_ms"].append(phases.get("total", 0) / 1e3)
            res["task_perf"] = m.group(1)
    return res


def machine():
    info = {"kernel": platform.release(), "cores": os.cpu_count()}
    with open("/proc/cpuinfo") as f:
        m = re.search(r"model name\s*:\s*(.*)", f.read())
        info["cpu"] = m.group(1).strip() if m else "?"
    with open("/proc/meminfo") as f:
        info["ram_gib"] = round(int(f.readline().split()[1]) / 1048576, 1)
    try:
        with open("/etc/debian_version") as f:
            info["debian"] = f.read().strip()
    except OSError:
        info["debian"] = "?"
    q = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libsqlcipher0"],
                       stdout=subprocess.PIPE, text=True)
    info["sqlcipher"] = q.stdout.strip() or "?"
    try:
        with open("/usr/include/sqlcipher/sqlite3.h") as f:
            m = re.search(r'#define SQLITE_VERSION\s+"([^"]+)"', f.read())
            info["sqlite"] = m.group(1) if m else "?"
    except OSError:
        info["sqlite"] = "?"
    t = subprocess.run(["task", "--version"], stdout=subprocess.PIPE, text=True)
    info["taskwarrior"] = t.stdout.strip()
    info["commit"] = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                                    stdout=subprocess.PIPE, text=True).stdout.strip()
    return info


def main():
    quick = "--quick" in sys.argv[1:]
    bench_dir = os.environ.get("BENCH_DIR") or os.path.expanduser("~/.cache/docket-bench")
    sizes = [10000, 100000] if quick else [10000, 100000, 1000000]
    if os.environ.get("BENCH_SIZES"):
        sizes = [int(s) for s in os.environ["BENCH_SIZES"].split(",")]
    runs = int(os.environ.get("BENCH_RUNS") or (5 if quick else 21))
    os.makedirs(bench_dir, exist_ok=True)
    global PASSFILE
    passfile = PASSFILE = os.path.join(bench_dir, "pass")
    with open(passfile, "w") as f:
        f.write(PASSPHRASE + "\n")
    os.chmod(passfile, 0o600)
    key = demo_key()
    started = time.time()
    results = {"quick": quick, "runs": runs, "key": key, "machine": machine(),
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "sizes": {}}
    for n in sizes:
        db, gen = ensure_db(bench_dir, n, key)
        say("%d cases: queries" % n)
        r = {"demo": gen}
        r["queries"] = json_lines([os.path.join(BUILD, "bench", "bench_query"), db, ADMIN,
                                   passfile, str(runs)])
        say("%d cases: the TUI" % n)
        r["tui"] = json_lines([os.path.join(BUILD, "bench", "bench_tui"), db, ADMIN,
                               passfile, str(runs)])
        if n in TASK_SIZES:
            env = taskwarrior_data(bench_dir, db, n, key)
            say("%d cases: docket against taskwarrior" % n)
            r["taskwarrior"] = versus_taskwarrior(db, env, runs)
        results["sizes"][str(n)] = r
    results["elapsed_s"] = time.time() - started
    out = os.path.join(bench_dir, "results-%s.json" % key)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    say("raw figures: %s" % out)
    sys.dont_write_bytecode = True  # no __pycache__ in the tree
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import results as gen_results
    gen_results.write(results, os.path.join(ROOT, "bench", "RESULTS.md"))
    say("wrote bench/RESULTS.md (%.0f s)" % results["elapsed_s"])


if __name__ == "__main__":
    main()
