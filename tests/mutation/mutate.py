#!/usr/bin/env python3
"""Read the mutant table (tests/mutation/mutants) and apply its edits.

    mutate.py list  TABLE            one line per mutant: id, row, suite,
                                     builds, case, separated by 0x1f (a
                                     tab would let empty fields collapse)
    mutate.py apply TABLE ID DIR     apply mutant ID's edits to the tree DIR
    mutate.py check TABLE DIR        every mutant applies to DIR, in memory

The table is a list of blocks separated by blank lines; '#' lines are
comments.  A block has the keys id, row, what, suite, case (an extended
regular expression matched against the suite's case names), optionally
builds (the extra builds the suite needs, for CWT_BUILDS), and one or more
edits:

    edit src/file.c
    -text to find (one or more '-' lines, joined by newlines)
    +its replacement (one or more '+' lines; none: deleted)

(one hunk per edit line: repeat "edit FILE" for another place).
The text after '-' or '+' is taken literally, tabs included.  Each text to
find must occur exactly once in the file as the block's earlier edits left
it, so a table that no longer matches the code fails loudly instead of
testing nothing.
"""
import os
import sys

KEYS = ("id", "row", "what", "suite", "case", "builds")


class TableError(Exception):
    pass


def parse(path):
    mutants, cur, edit = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, line in enumerate(lines, 1):
        where = "%s:%d" % (path, no)
        if line.startswith("#"):
            continue
        if line.strip() == "":
            cur = edit = None
            continue
        if cur is None:
            cur = {"edits": [], "where": where}
            mutants.append(cur)
        if line[0] in "-+":
            key = "from" if line[0] == "-" else "to"
            if edit is None:
                raise TableError(where + ": '-'/'+' line outside an edit")
            if key == "from" and edit["to"] is not None:
                raise TableError(where + ": '-' after '+' (one hunk an edit)")
            edit[key] = line[1:] if edit[key] is None else \
                edit[key] + "\n" + line[1:]
            continue
        edit = None
        key, _, value = line.partition(" ")
        value = value.strip()
        if key == "edit":
            edit = {"file": value, "from": None, "to": None}
            cur["edits"].append(edit)
        elif key in KEYS:
            if key in cur:
                raise TableError("%s: %s given twice" % (where, key))
            cur[key] = value
        else:
            raise TableError("%s: unknown key %r" % (where, key))
    seen = set()
    for m in mutants:
        for k in ("id", "row", "what", "suite", "case"):
            if not m.get(k):
                raise TableError("%s: no %s" % (m["where"], k))
        if m["id"] in seen:
            raise TableError("%s: id %s used twice" % (m["where"], m["id"]))
        seen.add(m["id"])
        if not m["edits"]:
            raise TableError("%s: no edit" % m["where"])
        for e in m["edits"]:
            if e["from"] is None:
                raise TableError("%s: an edit of %s finds nothing" %
                                 (m["where"], e["file"]))
            if e["to"] is None:
                e["to"] = ""
            if e["to"] == e["from"]:
                raise TableError("%s: an edit changes nothing" % m["where"])
    return mutants


def mutated(m, root):
    """The files of mutant m as its edits leave them: {path: text}."""
    files = {}
    for e in m["edits"]:
        path = os.path.join(root, e["file"])
        if path not in files:
            with open(path, encoding="utf-8") as f:
                files[path] = f.read()
        n = files[path].count(e["from"])
        if n != 1:
            raise TableError("%s (%s): the text to find occurs %d times in "
                             "%s:\n%s" % (m["id"], m["where"], n, e["file"],
                                          e["from"]))
        files[path] = files[path].replace(e["from"], e["to"])
    return files


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, table = argv[1], argv[2]
    try:
        mutants = parse(table)
        if cmd == "list" and len(argv) == 3:
            for m in mutants:
                print("\x1f".join([m["id"], m["row"], m["suite"],
                                 m.get("builds", ""), m["case"]]))
        elif cmd == "apply" and len(argv) == 5:
            found = [m for m in mutants if m["id"] == argv[3]]
            if not found:
                raise TableError("no mutant " + argv[3])
            for path, text in mutated(found[0], argv[4]).items():
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        elif cmd == "check" and len(argv) == 4:
            for m in mutants:
                mutated(m, argv[3])
            print("%d mutants apply" % len(mutants))
        else:
            sys.exit(__doc__)
    except (TableError, OSError) as e:
        sys.exit("mutate.py: %s" % e)


if __name__ == "__main__":
    main(sys.argv)
