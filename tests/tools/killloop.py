#!/usr/bin/env python3
"""The kill loop (issue 15): SIGKILL timed from the moment a command starts writing.

Each kill runs one writing docket command under the fault-injection shim (counting only) with
DK_FAULT_READY_FD on a pipe: at the first durable file operation (after the unlock) the shim
writes a byte there. The driver waits for it, sleeps a uniform delay in [0, D] (D: that kind's
write phase, ready byte to exit, the median of three unkilled runs) and sends SIGKILL; a command
that exits first is acknowledged. Pairs run two writers at once and kill both. Every few kills
and at the end a round checks the database from outside (HACKING, "The kill loop"): every
acknowledged write there once, no half-command, deadlines as the events give them, check and
audit verify pass, the sidecar's audit head the log's. Each write carries a unique token (kNNN).

Prints the seed (DOCKET_KILL_SEED replays the choices), the figures and FAIL: lines; exit 1 on
any failure. See --help.
"""
import argparse
import datetime
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

TODAY = "2026-11-27"
PASS = "long passphrase"
MISSIONS = ["MONUSCO", "MINUSCA"]
KINDS = ["case add", "case move", "case note", "case set", "case extend", "victim add",
         "victim inform", "victim assist", "subject add", "subject action", "holiday add",
         "user passwd"]
# From each state, the moves the loop makes and what they carry (a cycle through the workflow).
MOVES = {
    "received": [["assessment"]],
    "assessment": [["referred", "--entity", "oios"], ["referred", "--entity", "tcc"],
                   ["referred", "--entity", "mission"], ["limited_info"],
                   ["closed", "--closure", "not_sea"]],
    "limited_info": [["assessment"], ["referred", "--entity", "pcc"]],
    "referred": [["investigating"], ["closed", "--closure", "other_circumstances"]],
    "investigating": [["concluded", "--outcome", "substantiated"],
                      ["concluded", "--outcome", "not_substantiated"]],
    "concluded": [["action"], ["closed", "--closure", "actions_completed"]],
    "action": [["closed", "--closure", "actions_completed"]],
    "closed": [["assessment"]],
}
INTERIM = ["payments_suspended", "repatriated", "administrative_leave", "placed_on_hold"]
FINAL = ["dismissal", "separation", "demotion", "reprimand", "imprisonment", "none"]
ASSIST = ["safety", "medical", "psychosocial", "legal", "material", "education", "livelihood"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr, flush=True)


def add_days(day, n):
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=n)).isoformat()


class Docket:
    """Runs docket as a user, the passphrase on a pipe; with the shim and a ready pipe if asked."""

    def __init__(self, opts):
        self.bin, self.db, self.preload, self.dk_sql = opts.docket, opts.db, opts.preload, opts.dk_sql
        self.dk_read = opts.dk_read
        self.env = dict(os.environ, LC_ALL="C.UTF-8")
        for var in ("DK_FAULT", "DK_FAULT_COUNT", "DK_FAULT_READY_FD", "LD_PRELOAD"):
            self.env.pop(var, None)

    @staticmethod
    def _pipe_with(text):
        r, w = os.pipe()
        os.write(w, (text + "\n").encode())
        os.close(w)
        return r

    def start(self, args, user="admin", passphrase=PASS, new_pass=None, watched=True):
        fds = [self._pipe_with(passphrase)]
        cmd = [self.bin, "--db", self.db, "--user", user, "--passphrase-fd", str(fds[0]),
               "--today", TODAY] + args
        if new_pass is not None:
            fds.append(self._pipe_with(new_pass))
            cmd += ["--new-passphrase-fd", str(fds[1])]
        env = self.env
        ready = None
        if watched:
            ready, ready_w = os.pipe()
            fds.append(ready_w)
            env = dict(env, LD_PRELOAD=self.preload, DK_FAULT_READY_FD=str(ready_w))
        p = subprocess.Popen(cmd, env=env, pass_fds=fds, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for fd in fds:
            os.close(fd)
        return Run(p, ready, args)

    def run(self, args, **kw):
        """An unwatched run to its end: (rc, out, err)."""
        run = self.start(args, watched=False, **kw)
        out, err = run.p.communicate()
        return run.p.returncode, out.decode(), err.decode()

    def sql(self, text, opened=False):
        """Rows as an insider reads them (dk_sql); opened: as the administrator's session
        does (dk_read), dk_open() giving the sealed fields' text."""
        r = self._pipe_with(PASS)
        tool = [self.dk_read, self.db, "admin", TODAY] if opened else [self.dk_sql, self.db, "admin"]
        # dk_sql reads the passphrase on fd 3 (os.pipe's fds are not inherited; dup2's is).
        p = subprocess.run(tool, input=text.encode(), env=self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=False,
                           preexec_fn=lambda: os.dup2(r, 3) if r != 3 else os.set_inheritable(3, True))
        os.close(r)
        if p.returncode != 0:
            fail("%s: exit %d: %s" % (os.path.basename(tool[0]), p.returncode,
                                      p.stderr.decode().strip()))
            return []
        return p.stdout.decode().splitlines()


class Run:
    """One started command: waits for its ready byte, kills it after a delay, collects it."""

    def __init__(self, p, ready, args):
        self.p, self.ready, self.args, self.t_ready, self.out, self.err = p, ready, args, None, "", ""

    def wait_ready(self):
        """True once the command has started writing; False if it exited first."""
        byte = os.read(self.ready, 1)
        os.close(self.ready)
        self.t_ready = time.monotonic()
        return byte == b"w"

    def kill_after(self, delay):
        time.sleep(delay)
        self.p.send_signal(signal.SIGKILL)  # no-op once it has exited and been reaped

    def finish(self):
        out, err = self.p.communicate()
        self.out, self.err = out.decode(), err.decode()
        return self.p.returncode


class Case:
    def __init__(self, mission, day):
        self.mission, self.state, self.urgent, self.sure, self.day = mission, "received", False, True, day


class Model:
    """What the loop has written, as far as it knows, and the commands it can run next."""

    def __init__(self, rng):
        self.rng = rng
        self.cases = {}  # ref -> Case
        self.victims = {}  # code -> ref
        self.subjects = {}  # code -> ref
        self.writes = {}  # token -> {"kind", "status": acked|printed|killed, ...}
        self.actions = {}  # subject code -> [acked, killed]
        self.holidays = set()
        self.n = 0
        self.extend_to = "2027-06-01"
        self.kim = ["kim passphrase 0"]  # one when known; old and new after a killed change
        self.kim_replaced = None  # the passphrase an acknowledged change replaced

    def token(self):
        self.n += 1
        return "k%d" % self.n

    def next_day(self, ref):
        """The case's next event date: one day after its last (its streams stay in order)."""
        c = self.cases[ref]
        c.day = min(add_days(c.day, 1), TODAY)
        return c.day

    def pick_case(self, need_sure=False, states=None):
        """A case (its events reach today at most: then several fall on today)."""
        refs = [r for r, c in self.cases.items() if (c.sure or not need_sure) and
                (states is None or c.state in states)]
        return self.rng.choice(sorted(refs)) if refs else None

    def make(self, kind):
        """A command of this kind the model knows to be valid, or None."""
        return getattr(self, "make_" + kind.replace(" ", "_"))()

    def make_case_add(self):
        t, m = self.token(), self.rng.choice(MISSIONS)
        day = add_days("2026-01-01", self.rng.randrange(0, 180))
        cat = self.rng.choice(["sexual_abuse", "sexual_exploitation"])
        return {"kind": "case add", "token": t, "mission": m, "day": day, "refs": set(),
                "args": ["case", "add", "--mission", m, "--reported", day, "--category", cat,
                         "--summary", t]}

    def make_case_move(self):
        ref = self.pick_case(need_sure=True)
        if ref is None:
            return None
        move = self.rng.choice(MOVES[self.cases[ref].state])
        t = self.token()
        return {"kind": "case move", "token": t, "ref": ref, "state": move[0], "refs": {ref},
                "args": ["case", "move", ref] + move + ["--on", self.next_day(ref), "--note", t]}

    def make_case_note(self):
        ref = self.pick_case()
        if ref is None:
            return None
        t = self.token()
        return {"kind": "case note", "token": t, "ref": ref, "refs": {ref},
                "args": ["case", "note", ref, "--note", t, "--on", self.next_day(ref)]}

    def make_case_set(self):
        ref = self.pick_case()
        if ref is None:
            return None
        t = self.token()
        op = {"kind": "case set", "token": t, "ref": ref, "refs": {ref}, "field": "summary"}
        if self.rng.random() < 0.4:
            op["field"], t = "urgent", self.rng.choice(["yes", "no"])
            op["token"] = None
        op["args"] = ["case", "set", ref, op["field"], t, "--on", self.next_day(ref)]
        return op

    def make_case_extend(self):
        ref = self.pick_case(need_sure=True, states=("referred", "investigating"))
        if ref is None:
            return None
        t = self.token()
        self.extend_to = add_days(self.extend_to, 1)
        rule = "investigation_90d" if self.cases[ref].urgent else "investigation_6m"
        self.cases[ref].day = TODAY
        return {"kind": "case extend", "token": t, "ref": ref, "refs": {ref}, "to": self.extend_to,
                "args": ["case", "extend", ref, rule, "--to", self.extend_to, "--reason", t]}

    def make_victim_add(self):
        ref = self.pick_case()
        if ref is None:
            return None
        t = self.token()
        return {"kind": "victim add", "token": t, "ref": ref, "refs": {ref},
                "args": ["victim", "add", ref, "--sex", self.rng.choice(["female", "male", "unknown"]),
                         "--age", self.rng.choice(["adult", "child", "unknown"]), "--name", t,
                         "--on", self.next_day(ref)]}

    def _victim_op(self, kind, extra):
        """A victim's inform or assist: extra(token) gives its options."""
        if not self.victims:
            return None
        code = self.rng.choice(sorted(self.victims))
        t, ref = self.token(), self.victims[code]
        return {"kind": kind, "token": t, "code": code, "refs": {ref},
                "args": kind.split() + [code] + extra(t) + ["--on", self.next_day(ref)]}

    def make_victim_inform(self):
        return self._victim_op("victim inform", lambda t: ["--note", t])

    def make_victim_assist(self):
        return self._victim_op("victim assist", lambda t: [
            self.rng.choice(ASSIST), "--status", self.rng.choice(["referred", "provided", "declined"]),
            "--provider", t])

    def make_subject_add(self):
        ref = self.pick_case()
        if ref is None:
            return None
        t = self.token()
        return {"kind": "subject add", "token": t, "ref": ref, "refs": {ref},
                "args": ["subject", "add", ref, "--personnel",
                         self.rng.choice(["police_fpu", "military_mc", "civilian_int", "contractor"]),
                         "--name", t, "--on", self.next_day(ref)]}

    def make_subject_action(self):
        codes = sorted(self.subjects)
        if not codes:
            return None
        code = self.rng.choice(codes)
        ref = self.subjects[code]
        act = ([self.rng.choice(INTERIM), "--interim"] if self.rng.random() < 0.5
               else [self.rng.choice(FINAL)])
        return {"kind": "subject action", "token": None, "code": code, "refs": {ref},
                "args": ["subject", "action", code] + act + ["--on", self.next_day(ref)]}

    def make_holiday_add(self):
        m = self.rng.choice(MISSIONS)
        day = add_days("2026-01-01", self.rng.randrange(0, 330))
        if (m, day) in self.holidays:
            return None
        self.holidays.add((m, day))
        t = self.token()
        return {"kind": "holiday add", "token": t, "mission": m, "day": day, "refs": {"holiday " + m},
                "args": ["holiday", "add", "--mission", m, day, t]}

    def make_user_passwd(self):
        if len(self.kim) != 1:
            return None
        self.n += 1
        return {"kind": "user passwd", "token": None, "user": "kim", "passphrase": self.kim[0],
                "new_pass": "kim passphrase %d" % self.n, "refs": {"kim"},
                "args": ["user", "passwd", "--kdf", "interactive"]}

    # What a command's outcome teaches the model: exit 0 (or its code printed), or killed.
    def outcome(self, op, out, acked):
        kind, t = op["kind"], op.get("token")
        printed = out.strip().splitlines()[-1] if out.strip() else ""
        if kind in ("case add", "victim add", "subject add") and not acked and printed:
            acked = "printed"  # the reference reached the user: it must be there
        if t is not None:
            self.writes[t] = dict(op, status="acked" if acked else "killed", args=None)
        if kind == "case add" and acked:
            self.cases[printed] = Case(op["mission"], op["day"])
            self.writes[t]["ref"] = printed
        elif kind in ("victim add", "subject add") and acked:
            (self.victims if kind == "victim add" else self.subjects)[printed] = op["ref"]
            self.writes[t]["code"] = printed
        elif kind == "case move":
            if acked:
                self.cases[op["ref"]].state = op["state"]
            else:
                self.cases[op["ref"]].sure = False
        elif kind == "case set" and op["field"] == "urgent":
            if acked:
                self.cases[op["ref"]].urgent = op["args"][4] == "yes"
            else:
                self.cases[op["ref"]].sure = False
        elif kind == "subject action":
            self.actions.setdefault(op["code"], [0, 0])[0 if acked else 1] += 1
        elif kind == "user passwd":
            self.kim = [op["new_pass"]] if acked else [op["passphrase"], op["new_pass"]]
            if acked:
                self.kim_replaced = op["passphrase"]
        return acked


class Stats:
    def __init__(self):
        self.kills = self.landed = self.after_exit = self.early = self.printed = self.rounds = 0
        self.checked, self.by_kind = 0, {}


class Loop:
    def __init__(self, opts, rng):
        self.opts, self.rng = opts, rng
        self.dk = Docket(opts)
        self.model = Model(rng)
        self.stats = Stats()
        self.phase = {}  # kind -> D, seconds

    def make(self, kinds=KINDS, avoid=frozenset()):
        for _ in range(50):
            op = self.model.make(self.rng.choice(kinds))
            if op is not None and not (op["refs"] & avoid):
                return op
        raise SystemExit("killloop: no command to run (model stuck)")

    def start(self, op):
        return self.dk.start(op["args"], user=op.get("user", "admin"),
                             passphrase=op.get("passphrase", PASS), new_pass=op.get("new_pass"))

    def judge(self, op, run, rc, killed):
        """Feeds one run's outcome to the model; anything but exit 0 or SIGKILL fails."""
        s = self.stats
        if killed:
            s.kills += 1
        if rc == -signal.SIGKILL:
            s.landed += 1
            s.by_kind[op["kind"]] = s.by_kind.get(op["kind"], 0) + 1
        elif rc == 0:
            s.after_exit += killed
        else:
            fail("%s: exit %s: %s" % (" ".join(op["args"]), rc, run.err.strip()))
        if self.model.outcome(op, run.out, rc == 0) == "printed":
            s.printed += 1

    def calibrate(self, runs):
        """Unkilled runs of every kind: their write phase (ready byte to exit) sets D."""
        samples = {}
        for kind in ["case add"] * 3 + [k for k in KINDS for _ in range(runs)]:
            op = self.model.make(kind)
            for _ in range(30):  # e.g. an extension needs a referred case: move some first
                if op is not None:
                    break
                self.run_through(self.make(["case move"]))
                op = self.model.make(kind)
            samples.setdefault(kind, []).append(self.run_through(op))
        for kind, phases in samples.items():  # the median: one slow run must not stretch D
            self.phase[kind] = sorted(phases)[len(phases) // 2]

    def run_through(self, op):
        """Runs op unkilled under the shim; returns its write phase in seconds."""
        run = self.start(op)
        if not run.wait_ready():
            fail("%s exited before writing anything" % op["kind"])
        rc = run.finish()
        phase = time.monotonic() - run.t_ready
        self.judge(op, run, rc, False)
        return phase

    def kill_one(self):
        op = self.make()
        run = self.start(op)
        delay = self.rng.uniform(0, self.phase[op["kind"]])
        if run.wait_ready():
            run.kill_after(delay)
        else:
            self.stats.early += 1
        self.judge(op, run, run.finish(), True)

    def kill_pair(self):
        """Two writers at once (on different cases), each killed after its own ready byte."""
        a = self.make()
        b = self.make(avoid=a["refs"])
        both = self.phase[a["kind"]] + self.phase[b["kind"]]  # one may wait for the other's lock
        runs = [(op, self.start(op), self.rng.uniform(0, both)) for op in (a, b)]

        def watch(run, delay):
            if run.wait_ready():
                run.kill_after(delay)
            else:
                self.stats.early += 1
        threads = [threading.Thread(target=watch, args=(run, d)) for _, run, d in runs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for op, run, _ in runs:
            self.judge(op, run, run.finish(), True)

    # ---- the round: the database from outside, after the kills -------------------------------
    def sidecar_head(self):
        try:
            with open(self.opts.db + ".keys") as f:
                for line in f:
                    if line.startswith("audit-head "):
                        # "audit-head id hash", then signer and signature once signed
                        hid, hhash = line.split()[1:3]
                        return int(hid), hhash.upper()
        except OSError as e:
            fail("the sidecar cannot be read: %s" % e)
        return 0, ""

    def round(self, final=False):
        s = self.stats
        s.rounds += 1
        pre_id, pre_hash = self.sidecar_head()
        # The rows as the kills left them first; then what they say, through a session's keys.
        rows = self.dk.sql(DUMP_SQL.replace("{PRE}", str(pre_id)))
        rows += self.dk.sql(CONTENT_SQL, opened=True)
        got = parse(rows)
        if pre_id and got["head"] != [[str(pre_id), pre_hash]]:
            fail("the sidecar's audit head %d is not an entry of the log (log: %s, entry: %s)"
                 % (pre_id, got["audit"], got["head"]))
        for row in got["bad"]:
            fail("half-command: %s: %s" % (row[0], row[1]))
        self.compare(got)
        for args in (["check"], ["audit", "verify"]):
            rc, out, err = self.dk.run(args)
            if rc != 0:
                fail("%s: exit %d: %s %s" % (" ".join(args), rc, out.strip(), err.strip()))
        if os.path.exists(self.opts.db + ".keys.pending"):
            fail("a pending sidecar is left after check")
        # A killed save's temporary holds the slots (a replaced passphrase's too): check sweeps it.
        litter = set(os.listdir(self.opts.dir)) - {"case.db", "case.db.keys", "case.db.keys.lock"}
        if litter:
            fail("files left beside the database after check: %s" % sorted(litter))
        self.resolve_kim(final)
        after = parse(self.dk.sql(AFTER_SQL))
        post = self.sidecar_head()
        last = after["audit"][0] if after["audit"] else ["0", ""]
        if (str(post[0]), post[1]) != (last[0], last[1]):
            fail("the sidecar's audit head %s is not the log's last entry %s" % (post, last))
        if after["meta"] != [["audit_head", "kept"], ["deadlines_recompute", "done"]]:
            fail("meta after check: %s" % after["meta"])
        for what in ("dl", "due"):
            if got[what] != after[what]:
                fail("stored %s differ from those evaluated again from the events: stored only %s; "
                     "evaluated only %s" % (what, [r for r in got[what] if r not in after[what]][:3],
                                            [r for r in after[what] if r not in got[what]][:3]))

    def resolve_kim(self, final):
        """kim's passphrase after a killed change: the new one or the old one, never neither."""
        m = self.model
        if len(m.kim) == 2 or final:
            for p in reversed(m.kim):
                if self.dk.run(["user", "list"], user="kim", passphrase=p)[0] == 0:
                    m.kim = [p]
                    break
            else:
                fail("kim unlocks with none of %s" % m.kim)
        if final and m.kim_replaced is not None:
            rc = self.dk.run(["user", "list"], user="kim", passphrase=m.kim_replaced)[0]
            if rc != 3:
                fail("kim's replaced passphrase still unlocks (exit %d)" % rc)

    def compare(self, got):
        """Every written value found is one a command wrote; each acknowledged one is there once."""
        m, seen = self.model, {}

        def see(token, kind, **attrs):
            w = m.writes.get(token)
            if w is None or w["kind"] != kind:
                fail("%s [%s] %s: no command wrote it" % (kind, token, attrs))
                return
            seen[token] = seen.get(token, 0) + 1
            for k, v in attrs.items():
                if w.get(k) is not None and w[k] != v:
                    fail("%s %s: %s is %s in the database, %s was written" % (kind, token, k, v, w[k]))
        for ref, mission, reported, _, _, data in got["case"]:
            see(json.loads(data or "{}").get("summary"), "case add", ref=ref, mission=mission,
                day=reported)
        kinds = {"moved": "case move", "note": "case note", "extended": "case extend", "set": "case set"}
        for ref, kind, state, _, value, note in got["event"]:
            attrs = {"ref": ref, "state": state} if kind == "moved" else {"ref": ref}
            if kind == "extended":
                attrs["to"] = value
            see(note, kinds.get(kind, kind), **attrs)
        for code, name, ref in got["victim"]:
            see(name, "victim add", code=code, ref=ref)
        for code, kind, token in got["vevent"]:
            see(token, "victim inform" if kind == "informed" else "victim assist", code=code)
        for code, name, ref in got["subject"]:
            see(name, "subject add", code=code, ref=ref)
        for mission, day, name in got["holiday"]:
            see(name, "holiday add", mission=mission, day=day)
        self.stats.checked = 0
        for t, w in m.writes.items():
            n = seen.get(t, 0)
            if w["status"] == "acked":
                self.stats.checked += 1
                if n != 1:
                    fail("acknowledged %s [%s] is there %d times" % (w["kind"], t, n))
            elif n > (w["status"] == "killed"):
                fail("killed %s [%s] is there %d times" % (w["kind"], t, n))
        self.resync(got, seen)

    def resync(self, got, seen):
        """The model takes the database's word for what the killed commands did."""
        m = self.model
        cases = {row[0]: row for row in got["case"]}
        for t, w in m.writes.items():
            if w["status"] != "killed":
                continue
            w["status"] = "acked" if seen.get(t) else "absent"
            if not seen.get(t) or w["kind"] not in ("case add", "victim add", "subject add"):
                continue
            if w["kind"] == "case add":
                ref = next(r for r, row in cases.items() if json.loads(row[5]).get("summary") == t)
                m.cases[ref] = Case(w["mission"], w["day"])
            else:
                rows = got["victim"] if w["kind"] == "victim add" else got["subject"]
                code = next(row[0] for row in rows if row[1] == t)
                (m.victims if w["kind"] == "victim add" else m.subjects)[code] = w["ref"]
        for ref, c in m.cases.items():
            row = cases.get(ref)
            if row is None:
                fail("case %s is gone" % ref)
                continue
            c.state, c.urgent, c.sure = row[3], row[4] == "1", True
        counts = {code: int(n) for code, n in got["action"]}
        for code, (acked, killed) in m.actions.items():
            n = counts.get(code, 0)
            if not acked <= n <= acked + killed:
                fail("subject %s has %d actions: %d acknowledged, %d killed" % (code, n, acked, killed))
            m.actions[code] = [n, 0]
            self.stats.checked += acked


def parse(rows):
    got = {k: [] for k in ("audit", "head", "meta", "case", "event", "victim", "vevent", "subject",
                           "action", "holiday", "bad", "dl", "due")}
    for row in rows:
        if row.startswith("#"):
            name, _, rest = row[1:].partition("|")
            got[name].append(rest.split("|", 5 if name == "case" else -1))
    return got


# Everything written and every half-command, read as an insider would (dk_sql) right after the
# kills; {PRE} is the sidecar's audit head. Each '#bad' row names a broken invariant. The last
# statement marks the deadlines for evaluation again by the next command (check).
BAD = [
    ("a case without exactly one creation event",
     "case_file c WHERE (SELECT count(*) FROM event e WHERE e.case_id = c.id AND e.kind = 'created') <> 1"),
    ("an event without its case",
     "event e WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = e.case_id)"),
    ("a case whose state or urgency is not its last event's",
     "case_file c WHERE (SELECT e.state || '/' || e.urgent FROM event e WHERE e.case_id = c.id "
     "ORDER BY e.on_date DESC, e.recorded_at DESC, e.gid DESC LIMIT 1) IS NOT c.state || '/' || c.urgent"),
    ("a case whose next due date is not its earliest live deadline's",
     "case_file c WHERE c.next_due <> coalesce((SELECT min(due) FROM deadline d WHERE d.case_id = c.id "
     "AND d.met_on IS NULL AND d.ended_on IS NULL), '9999-12-31')"),
    ("a deadline without its case",
     "deadline d WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = d.case_id)"),
    ("a reference counter that is not its cases' count",
     "ref_counter r WHERE r.last <> (SELECT count(*) FROM case_file c WHERE c.mission = r.mission "
     "AND c.year = r.year) OR r.last <> (SELECT max(seq) FROM case_file c WHERE c.mission = r.mission "
     "AND c.year = r.year)"),
    ("a case without its reference counter",
     "case_file c WHERE NOT EXISTS (SELECT 1 FROM ref_counter r WHERE r.mission = c.mission "
     "AND r.year = c.year)"),
    ("a victim without its case",
     "victim v WHERE NOT EXISTS (SELECT 1 FROM victim_case vc JOIN case_file c ON c.id = vc.case_id "
     "WHERE vc.victim_id = v.id)"),
    ("a victim without its 'added' event",
     "victim v WHERE NOT EXISTS (SELECT 1 FROM victim_event e WHERE e.victim_id = v.id "
     "AND e.kind = 'added')"),
    ("a victim without its identity row",
     "victim v WHERE NOT EXISTS (SELECT 1 FROM victim_identity i WHERE i.victim_id = v.id)"),
    ("a victim link or event without its victim",
     "(SELECT victim_id FROM victim_case UNION ALL SELECT victim_id FROM victim_event "
     "UNION ALL SELECT victim_id FROM victim_identity) x WHERE NOT EXISTS (SELECT 1 FROM victim v "
     "WHERE v.id = x.victim_id)"),
    ("a subject without its case",
     "subject s WHERE NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = s.case_id)"),
    ("a subject without its identity row",
     "subject s WHERE NOT EXISTS (SELECT 1 FROM subject_identity i WHERE i.subject_id = s.id)"),
    ("a subject action or identity without its subject",
     "(SELECT subject_id FROM subject_action UNION ALL SELECT subject_id FROM subject_identity) x "
     "WHERE NOT EXISTS (SELECT 1 FROM subject s WHERE s.id = x.subject_id)"),
]
DEADLINES_SQL = """
SELECT '#dl', case_id, rule, victim, start, ref, due, original_due, coalesce(met_on, '-'), extensions,
       known_until, coalesce(ended_on, '-') FROM deadline ORDER BY case_id, rule, victim, start;
SELECT '#due', ref, next_due FROM case_file ORDER BY ref;
"""
DUMP_SQL = "".join("SELECT '#bad', '%s', n FROM (SELECT count(*) AS n FROM %s) WHERE n > 0;\n"
                   % (w.replace("'", "''"), f) for w, f in BAD) + """
SELECT '#audit', max(id) FROM audit;
SELECT '#head', id, hex(hash) FROM audit WHERE id = {PRE};
SELECT '#action', s.code, count(*) FROM subject_action a JOIN subject s ON s.id = a.subject_id
    GROUP BY s.code;
SELECT '#holiday', mission, on_date, name FROM holiday;
""" + DEADLINES_SQL + """
INSERT OR REPLACE INTO meta (key, value) VALUES ('deadlines_recompute', 'pending');
"""
# The narratives and identities, sealed in the database: read through dk_open() (dk_read).
CONTENT_SQL = """
SELECT '#case', c.ref, c.mission, c.reported, c.state, c.urgent, dk_open(e.data) FROM case_file c
    LEFT JOIN event e ON e.case_id = c.id AND e.kind = 'created' ORDER BY c.ref;
SELECT '#event', c.ref, e.kind, e.state, coalesce(e.field, ''), coalesce(dk_open(e.value), ''),
    dk_open(e.note) FROM event e JOIN case_file c ON c.id = e.case_id WHERE e.note IS NOT NULL;
SELECT '#victim', v.code, coalesce(dk_open(i.name), ''), coalesce((SELECT group_concat(c.ref)
    FROM victim_case vc JOIN case_file c ON c.id = vc.case_id WHERE vc.victim_id = v.id), '')
    FROM victim v LEFT JOIN victim_identity i ON i.victim_id = v.id;
SELECT '#vevent', v.code, e.kind, coalesce(dk_open(e.note), dk_open(e.provider), '')
    FROM victim_event e JOIN victim v ON v.id = e.victim_id WHERE e.kind IN ('informed', 'assistance');
SELECT '#subject', s.code, coalesce(dk_open(i.name), ''), coalesce(c.ref, '') FROM subject s
    LEFT JOIN subject_identity i ON i.subject_id = s.id LEFT JOIN case_file c ON c.id = s.case_id;
"""
AFTER_SQL = """
SELECT '#audit', id, hex(hash) FROM audit ORDER BY id DESC LIMIT 1;
SELECT '#meta', key, value FROM meta WHERE key IN ('audit_head', 'deadlines_recompute') ORDER BY key;
""" + DEADLINES_SQL


def main():
    ap = argparse.ArgumentParser()
    for name in ("--dir", "--docket", "--dk-sql", "--dk-read", "--preload"):
        ap.add_argument(name, required=True)
    ap.add_argument("--kills", type=int, default=60, help="single kills")
    ap.add_argument("--pairs", type=int, default=10, help="two writers killed at once")
    ap.add_argument("--every", type=int, default=8, help="kills between two rounds of checks")
    ap.add_argument("--calibrate", type=int, default=3, help="unkilled runs of each kind")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--tamper", default=None,
                    help="SQL an insider runs before the last round (the checks' own test)")
    opts = ap.parse_args()
    env = os.environ.get("DOCKET_KILL_SEED", "")
    seed = opts.seed if opts.seed is not None else int(env) if env else random.randrange(1 << 31)
    print("killloop: seed %d (DOCKET_KILL_SEED=%d replays its choices)" % (seed, seed), flush=True)
    opts.db = os.path.join(opts.dir, "case.db")
    loop = Loop(opts, random.Random(seed))
    began = time.monotonic()
    dk = loop.dk
    for args, new in ((["init", "--admin", "admin", "--kdf", "interactive"], None),
                      (["user", "add", "kim", "--role", "admin", "--kdf", "interactive"], "kim passphrase 0")):
        rc, _, err = dk.run(args, new_pass=new)
        if rc != 0:
            raise SystemExit("killloop: %s: %s" % (" ".join(args), err.strip()))
    loop.calibrate(opts.calibrate)
    plan = ["one"] * opts.kills + ["pair"] * opts.pairs
    loop.rng.shuffle(plan)
    for i, what in enumerate(plan, 1):
        loop.kill_one() if what == "one" else loop.kill_pair()
        if i % opts.every == 0 and i < len(plan):
            loop.round()
            if failures:  # the rest would only repeat them
                break
    if opts.tamper is not None and not failures:
        dk.sql(opts.tamper)
    loop.round(final=True)
    report(loop, time.monotonic() - began)
    return 1 if failures else 0


def report(loop, seconds):
    s = loop.stats
    print("killloop: %d kills (%d pairs): %d landed in the write phase, %d after the command exited, "
          "%d before it wrote; %d printed their code then were killed"
          % (s.kills, loop.opts.pairs, s.landed, s.after_exit, s.early, s.printed))
    print("killloop: landed by kind: " + ", ".join("%s %d" % kv for kv in sorted(s.by_kind.items())))
    print("killloop: write phase (ms): " + ", ".join(
        "%s %.0f" % (k, 1000 * v) for k, v in sorted(loop.phase.items())))
    print("killloop: %d rounds of checks; %d acknowledged writes present at the end; %.0f s"
          % (s.rounds, s.checked, seconds))
    if failures:
        print("killloop: %d failures" % len(failures))


if __name__ == "__main__":
    sys.exit(main())
