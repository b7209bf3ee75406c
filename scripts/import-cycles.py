#!/usr/bin/env python3
"""File-level import cycles in the crates of a Cargo workspace.

For every crate root (src/lib.rs, src/main.rs, src/bin/*.rs) the module tree is walked through
`mod name;` declarations (with `#[path]`), inline `mod name { ... }` blocks are tracked, comments
and string literals are blanked, then every `use crate::/super::/self::` statement (and, in the
2018 style, `use child::...` of a child module) and every inline `crate::a::b` / `super::a` path
expression is resolved to the file that defines the module it names. An item re-exported by a
crate root (`pub use x::Y` in lib.rs) is followed to the file it comes from, since a crate root
is a facade. Cycles are the strongly connected components of the file graph; for each one an
elementary cycle is printed with the line of each edge.

Files under a folder named `generated` (written by `cargo xtask codegen`) are left out: the check is
of hand-written code. Exit status 1 when a cycle is found.

usage: scripts/import-cycles.py [WORKSPACE [CRATE_DIR...]]   (--uses-only: ignore inline path expressions)
"""

import os
import re
import sys
from collections import defaultdict

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def blank(text):
    """Comments and string/char literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        two = text[i:i + 2]
        if two == "//":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif two == "/*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text[j:j + 2] == "/*":
                    depth, j = depth + 1, j + 2
                elif text[j:j + 2] == "*/":
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif re.match(r'b?r#*"', text[i:i + 12]) and (i == 0 or not re.match(r"[A-Za-z0-9_]", text[i - 1])):
            m = re.match(r'(b?r)(#*)"', text[i:])
            end = '"' + m.group(2)
            j = text.find(end, i + len(m.group(0)))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def blank_quotes(text):
    """The bodies of `quote!`-like macros (code being generated, not code of this file) blanked."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    out, i = [], 0
    for m in re.finditer(r"\b\w*quote\w*!\s*([({\[])", text):
        if m.start() < i:
            continue
        open_, close = m.group(1), pairs[m.group(1)]
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += 1 if text[j] == open_ else -1 if text[j] == close else 0
            j += 1
        out.append(text[i:m.end()])
        out.append(re.sub(r"[^\n]", " ", text[m.end():j - 1]))
        i = j - 1
    out.append(text[i:])
    return "".join(out)


def expand_use(tree):
    """`a::{b, c::{d as e, *}}` -> [['a','b'], ['a','c','d'], ['a','c','*']] (aliases dropped)."""
    tree = re.sub(r"\s+", "", tree.replace(" as ", " as_ "))

    def parse(s, prefix):
        paths, depth, start = [], 0, 0
        parts = []
        for k, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:k])
                start = k + 1
        parts.append(s[start:])
        for part in filter(None, parts):
            if "{" in part:
                head, rest = part.split("{", 1)
                head = [seg for seg in head.split("::") if seg]
                paths += parse(rest[:-1], prefix + head)
            else:
                part = part.split("as_")[0]
                segs = [seg for seg in part.split("::") if seg]
                if segs == ["self"]:
                    paths.append(prefix)
                else:
                    paths.append(prefix + segs)
        return paths

    return parse(tree, [])


def reexports_of(text):
    """name -> path of each `pub use` item of a file (aliases kept as the visible name)."""
    names = {}
    for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", text):
        tree = re.sub(r"\s+", " ", m.group(1))
        for path in expand_use(tree):
            if path:
                names[path[-1]] = path
        for alias in re.finditer(r"(" + IDENT + r"(?:::" + IDENT + r")*)\s+as\s+(" + IDENT + ")", tree):
            names[alias.group(2)] = alias.group(1).split("::")
    return names


def reexports_of_globs(text):
    out = []
    for m in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", text):
        out += [p for p in expand_use(m.group(1)) if p and p[-1] == "*"]
    return out


class Crate:
    def __init__(self, root_dir):
        self.dir = root_dir
        self.modules = {}  # tuple module path (per root) -> file
        self.files = {}  # file -> (root, module path)
        self.texts = {}
        self.inline = defaultdict(list)  # file -> [(start, end, module path)]
        roots = [os.path.join(root_dir, "src", f) for f in ("lib.rs", "main.rs")]
        bins = os.path.join(root_dir, "src", "bin")
        if os.path.isdir(bins):
            roots += [os.path.join(bins, f) for f in sorted(os.listdir(bins)) if f.endswith(".rs")]
        self.roots = [r for r in roots if os.path.isfile(r)]
        for root in self.roots:
            self.walk(root, root, ())

    def text(self, path):
        if path not in self.texts:
            with open(path, encoding="utf-8") as f:
                self.texts[path] = blank_quotes(blank(f.read()))
        return self.texts[path]

    def walk(self, root, path, module):
        if path in self.files and self.files[path][0] != root:
            return  # a file shared by two roots is walked once
        self.files[path] = (root, module)
        self.modules[(root, module)] = path
        text = self.text(path)
        base = os.path.basename(path)
        mod_rs = base in ("lib.rs", "main.rs", "mod.rs") or path in self.roots
        child_dir = os.path.dirname(path) if mod_rs else os.path.join(os.path.dirname(path), base[:-3])
        # inline modules
        for m in re.finditer(r"\bmod\s+(" + IDENT + r")\s*\{", text):
            start = m.end()
            depth, j = 1, start
            while j < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            self.inline[path].append((start, j, module + (m.group(1),)))
            self.modules[(root, module + (m.group(1),))] = path
        for m in re.finditer(r"((?:#\[[^\]]*\]\s*)*)(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", text):
            attrs, name = m.group(1), m.group(2)
            raw = open(path, encoding="utf-8").read()
            attr = re.search(r'#\[path\s*=\s*"([^"]+)"\]', raw[m.start():m.end() + 200].split("mod " + name)[0])
            # the blanked text lost the path string: read it from the raw text at the same offset
            if attr:
                child = os.path.normpath(os.path.join(os.path.dirname(path), attr.group(1)))
            else:
                child = os.path.join(child_dir, name + ".rs")
                if not os.path.isfile(child):
                    child = os.path.join(child_dir, name, "mod.rs")
            if os.path.isfile(child):
                self.walk(root, child, module + (name,))

    def context(self, path, pos):
        root, module = self.files[path]
        best = module
        for start, end, inner in self.inline[path]:
            if start <= pos < end and len(inner) > len(best):
                best = inner
        return root, best

    def resolve(self, root, module, segs, follow=0):
        """The file a path names from `module`, following crate-root re-exports."""
        if not segs:
            return None
        if segs[0] == "crate":
            cur, segs = (), segs[1:]
        elif segs[0] in ("super", "self"):
            cur = module
            while segs and segs[0] in ("super", "self"):
                if segs[0] == "super":
                    cur = cur[:-1]
                segs = segs[1:]
        elif (root, module + (segs[0],)) in self.modules:
            cur = module
        else:
            return None  # an external crate or std
        for k, seg in enumerate(segs):
            if (root, cur + (seg,)) in self.modules:
                cur = cur + (seg,)
                continue
            path = self.modules[(root, cur)]
            if self.is_parent(root, cur) and not self.defines(path, seg) and follow < 8:
                target = reexports_of(self.text(path)).get(seg)
                if target:
                    return self.resolve(root, cur, target + segs[k + 1:], follow + 1) or path
                for glob in self.globs(path):
                    found = self.resolve(root, cur, glob + [seg] + segs[k + 1:], follow + 1)
                    if found and self.defines(found, seg):
                        return found
            return path
        return self.modules[(root, cur)]

    def is_parent(self, root, module):
        """A module file that declares child modules in files of their own: a facade."""
        return any(r == root and len(m) == len(module) + 1 and m[:-1] == module and f != self.modules[(root, module)]
                   for (r, m), f in self.modules.items())

    def defines(self, path, name):
        return re.search(r"\b(?:struct|enum|fn|const|static|type|trait|union|mod|macro_rules!)\s+" + re.escape(name) + r"\b",
                         self.text(path)) is not None

    def globs(self, path):
        return [p[:-1] for p in reexports_of_globs(self.text(path))]

    def edges(self, uses_only=False):
        edges = defaultdict(dict)  # file -> {target: evidence}
        for path in self.files:
            text = self.text(path)
            raw_lines = open(path, encoding="utf-8").read().split("\n")
            spans = []
            for m in re.finditer(r"\buse\s+([^;{}]*(?:\{[^;]*\})?[^;]*);", text):
                spans.append((m.start(), m.end()))
                root, module = self.context(path, m.start())
                for segs in expand_use(m.group(1)):
                    self.add(edges, path, root, module, segs, text, raw_lines, m.start())
            if uses_only:
                continue
            for m in re.finditer(r"(?<![A-Za-z0-9_:])(" + IDENT + r"(?:::" + IDENT + ")+)", text):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                root, module = self.context(path, m.start())
                segs = m.group(1).split("::")
                if segs[0] in ("crate", "super", "self") or (root, module + (segs[0],)) in self.modules:
                    self.add(edges, path, root, module, segs, text, raw_lines, m.start())
        return edges

    def add(self, edges, path, root, module, segs, text, raw_lines, pos):
        target = self.resolve(root, module, segs)
        if target and target != path:
            line = text.count("\n", 0, pos) + 1
            tag = " [in mod tests]" if "tests" in module[len(self.files[path][1]):] else ""
            edges[path].setdefault(target, f"{os.path.relpath(path, self.dir)}:{line}: {raw_lines[line - 1].strip()}{tag}")


def sccs(graph):
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                strong(w)
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
            out.append(comp)

    for v in list(graph):
        if v not in index:
            strong(v)
    return [sorted(c) for c in out if len(c) > 1]


def cycles_in(graph, comp, limit=20):
    """Elementary cycles inside one component (Johnson-like DFS, bounded)."""
    comp = set(comp)
    found = []
    order = sorted(comp)
    for s_i, start in enumerate(order):
        allowed = set(order[s_i:])

        def dfs(v, path):
            for w in sorted(graph.get(v, {})):
                if w not in allowed:
                    continue
                if w == start:
                    found.append(path[:])
                elif w not in path and len(found) < limit:
                    dfs(w, path + [w])

        dfs(start, [start])
    return found[:limit]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    uses_only = "--uses-only" in sys.argv
    ws = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    crates = args[1:] or sorted(
        d for d in os.listdir(ws) if os.path.isfile(os.path.join(ws, d, "Cargo.toml")) and os.path.isdir(os.path.join(ws, d, "src"))
    )
    total = 0
    for name in crates:
        crate = Crate(os.path.join(ws, name))
        graph = crate.edges(uses_only)
        generated = {f for f in graph if f"{os.sep}generated{os.sep}" in f}
        graph = {f: {g: e for g, e in targets.items() if g not in generated} for f, targets in graph.items() if f not in generated}
        comps = sccs(graph)
        nfiles = len(crate.files)
        nedges = sum(len(v) for v in graph.values())
        if not comps:
            print(f"{name}: no cycle ({nfiles} files, {nedges} edges)")
            continue
        for comp in comps:
            total += 1
            rel = [os.path.relpath(f, crate.dir) for f in comp]
            print(f"{name}: CYCLE among {', '.join(rel)}")
            for cyc in cycles_in(graph, comp):
                chain = cyc + [cyc[0]]
                print("   " + " -> ".join(os.path.relpath(f, crate.dir) for f in chain))
                for a, b in zip(chain, chain[1:]):
                    print("      " + graph[a][b])
    print(f"{total} cycle component(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
