#!/usr/bin/env python3
"""Fails on an import cycle in the engine: between its top-level modules (engine/src/*), or
between the files of one folder (a lesson's model.rs and walkthrough.rs, say). A folder's
mod.rs counts as a file of that folder: it may use its children, but a child that reaches
back into mod.rs (`super::X` for an X that is not a sibling file) closes a cycle.

Reads `crate::…`, `super::…` and `self::…` paths in code (comments skipped); prints every
cycle found with one file per edge as evidence, and exits 1 if there is any.
Folders still waiting for their split are listed in KNOWN (their cycles are reported but
do not fail); a listed folder that has no cycle left fails, so the list only shrinks.
Usage: scripts/check_cycles.py [engine/src]
"""
import os
import re
import sys

# Folders allowed a cycle while they wait for their split (none now; keep the list empty).
KNOWN: set = set()

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "engine", "src")
ROOT = os.path.normpath(ROOT)
PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def module_of(path):
    """Module path of a source file: ['lessons', 'xor', 'model'] (mod.rs: its folder)."""
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    if rel in (["lib"], ["main"]):
        rel = []
    return rel


def is_module(parts):
    """True when `parts` names a module file or folder under ROOT."""
    base = os.path.join(ROOT, *parts)
    return os.path.isfile(base + ".rs") or os.path.isfile(os.path.join(base, "mod.rs"))


def resolve(file_module, is_mod_rs, kind, rest):
    """The module path a `kind::rest` reference lands in (longest prefix that is a module)."""
    if kind == "crate":
        base = []
    elif kind == "self":
        base = file_module
    else:  # super: the parent of this file's module (a mod.rs's module is its folder)
        base = file_module[:-1]
    parts = base + rest
    for n in range(len(parts), len(base) - 1, -1):
        if n == 0 or is_module(parts[:n]):
            return parts[:n]
    return base


def references(path):
    text = strip_comments(open(path, encoding="utf-8").read())
    module = module_of(path)
    is_mod_rs = os.path.basename(path) in ("mod.rs", "lib.rs")
    found = set()
    # `use super::{a::X, b}`: each item of a group is its own path.
    for m in GROUP.finditer(text):
        kind, prefix = m.group(1), [p for p in m.group(2).split("::") if p]
        depth, i, item = 1, m.end(), ""
        body = []
        while i < len(text) and depth:
            c = text[i]
            depth += (c == "{") - (c == "}")
            if depth:
                body.append(c)
            i += 1
        for name in re.findall(r"(?:^|,)\s*([A-Za-z_][A-Za-z0-9_]*)", "".join(body)):
            found.add(tuple(resolve(module, is_mod_rs, kind, prefix + [name])))
    for m in PATH.finditer(text):
        kind, rest = m.group(1), [p for p in m.group(2).split("::") if p]
        found.add(tuple(resolve(module, is_mod_rs, kind, rest)))
    # A mod.rs (or lib.rs) names its children without a prefix: `pub use model::X`, `walkthrough::f()`.
    if is_mod_rs or not module:
        for child in re.findall(r"\bmod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;", text):
            if re.search(r"(?<![:\w])" + child + r"::", text):
                found.add(tuple(module + [child]))
    return module, found


def cycles(edges):
    """Every elementary cycle's strongly connected component (Tarjan), as node lists."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
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
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def main():
    files = []
    for d, _, names in os.walk(ROOT):
        if os.path.relpath(d, ROOT).split(os.sep)[0] == "bin":
            continue
        files += [os.path.join(d, n) for n in names if n.endswith(".rs")]
    top, local, evidence = {}, {}, {}
    for f in sorted(files):
        module, refs = references(f)
        for target in refs:
            target = list(target)
            # Top level: engine/src/<a> → engine/src/<b>.
            if module and target and module[0] != target[0]:
                top.setdefault(module[0], set()).add(target[0])
                evidence.setdefault(("top", module[0], target[0]), f)
            # One folder: sibling files and the folder's mod.rs.
            folder = module if os.path.basename(f) in ("mod.rs", "lib.rs") else module[:-1]
            if target[: len(folder)] == folder and target != module:
                node = target[len(folder)] if len(target) > len(folder) else "mod.rs"
                here = "mod.rs" if os.path.basename(f) in ("mod.rs", "lib.rs") else module[-1]
                if node != here:
                    key = "/".join(folder)
                    local.setdefault(key, {}).setdefault(here, set()).add(node)
                    evidence.setdefault(("local", key, here, node), f)
    bad = 0
    for comp in cycles(top):
        bad += 1
        print(f"cycle between top-level modules: {' ↔ '.join(comp)}")
        for a in comp:
            for b in comp:
                if b in top.get(a, ()):
                    print(f"  {a} → {b}  ({os.path.relpath(evidence[('top', a, b)], ROOT)})")
    known_seen = set()
    for folder, edges in sorted(local.items()):
        for comp in cycles(edges):
            if folder in KNOWN:
                known_seen.add(folder)
                print(f"known (listed) cycle between files of {folder}/: {' ↔ '.join(comp)}")
                continue
            bad += 1
            print(f"cycle between files of {folder or '.'}/: {' ↔ '.join(comp)}")
            for a in comp:
                for b in comp:
                    if b in edges.get(a, ()):
                        print(f"  {a} → {b}")
    for folder in sorted(KNOWN - known_seen):
        bad += 1
        print(f"{folder}/ has no cycle any more: remove it from KNOWN in {__file__}")
    if bad:
        print(f"{bad} import cycle(s) in {ROOT}")
        return 1
    listed = f" outside the {len(KNOWN)} listed folders" if KNOWN else ""
    print(f"no import cycles in {ROOT}{listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
