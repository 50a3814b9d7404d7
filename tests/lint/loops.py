#!/usr/bin/env python3
"""No two files of a layer call each other, even through others: a file that is used must not
use back. Reads the objects of each layer's static library with nm and reports every cycle
of the "file A calls a function defined in file B" graph, naming the symbols on each arrow."""
import os
import re
import subprocess
import sys
from collections import defaultdict

LAYERS = ["core", "crypto", "store", "app", "cli", "tui"]


def symbols(archive):
    """{object: (defined, undefined)} from nm -A on a static library."""
    out = subprocess.run(["nm", "-A", archive], check=True, capture_output=True, text=True).stdout
    table = defaultdict(lambda: (set(), set()))
    for line in out.splitlines():
        m = re.match(r"[^:]*:([^:]*\.o):\s*(?:[0-9a-f]+\s+)?([A-Za-z])\s+(\S+)$", line)
        if not m:
            continue
        obj, kind, name = m.group(1).rsplit("/", 1)[-1], m.group(2), m.group(3)
        if kind == "U":
            table[obj][1].add(name)
        elif kind in "TDBR":
            table[obj][0].add(name)
    return table


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def main(build):
    bad = False
    for layer in LAYERS:
        archive = f"{build}/src/libdk_{layer}.a"
        if layer == "tui" and not os.path.exists(archive):
            continue  # built without ncursesw
        table = symbols(archive)
        owner = {s: obj for obj, (defs, _) in table.items() for s in defs}
        graph, why = defaultdict(set), defaultdict(set)
        for obj, (_, uses) in table.items():
            graph[obj]
            for s in uses:
                if s in owner and owner[s] != obj:
                    graph[obj].add(owner[s])
                    why[(obj, owner[s])].add(s)
        for comp in cycles(graph):
            bad = True
            print(f"loops: {layer}: these files call each other:", file=sys.stderr)
            for a in comp:
                for b in sorted(graph[a] & set(comp)):
                    print(f"  {a} -> {b}: {', '.join(sorted(why[(a, b)]))}", file=sys.stderr)
    if bad:
        sys.exit(1)
    print("loops: ok")


main(sys.argv[1] if len(sys.argv) > 1 else "build")
