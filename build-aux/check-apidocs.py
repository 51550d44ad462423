#!/usr/bin/env python3
"""Checks the API documentation of the public headers.

Every function declared in include/bekal/*.h (and the player's public header) must have a
gi-docgen comment (`/** name: … */`). A function that returns a pointer must say who owns it
with a `(transfer full|none|container|floating)` annotation on its `Returns:` line. A function
named `_get_` must not hand over ownership (`Returns: (transfer full)`, or `container`):
such a function is named `_dup_`; a `_dup_` function must not return `(transfer none)`.
Every enum and every type declared with G_DECLARE_* must have a comment too.

    check-apidocs.py [HEADER…]

Without HEADER it checks the public headers of the tree it lives in. Prints FILE:LINE: problem
lines and exits 1 when there is any.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HEADERS = sorted((ROOT / "include" / "bekal").glob("*.h")) + [
    ROOT / "src" / "player" / "bekal-player.h",
]

DOC_COMMENT = re.compile(r"/\*\*\s*\n\s*\*\s*([A-Za-z_][A-Za-z0-9_]*):?(.*?)\*/", re.S)
ANY_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
FUNCTION = re.compile(r"^(?P<ret>[A-Za-z_][\w\s\*]*?[\s\*])(?P<name>bekal_\w+)\s*\(", re.S)
DECLARE_TYPE = re.compile(r"G_DECLARE_\w+_TYPE\s*\(\s*(\w+)")
TYPEDEF_ENUM = re.compile(r"typedef\s+enum\s*(?:\w+\s*)?\{[^}]*\}\s*(\w+)\s*;", re.S)
TRANSFER = re.compile(r"\(transfer\s+(full|none|container|floating)\)")


def blank(match):
    """Replaces a match by spaces, keeping its newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def returns_section(body):
    """The text of the `Returns:` paragraph of a doc comment body, or None."""
    lines = [re.sub(r"^\s*\*\s?", "", line) for line in body.split("\n")]
    for index, line in enumerate(lines):
        if line.startswith("Returns:"):
            section = [line]
            for more in lines[index + 1:]:
                if not more.startswith(" ") or not more.strip():
                    break
                section.append(more)
            return " ".join(section)
    return None


def check_header(path):
    problems = []
    text = path.read_text(encoding="utf-8")
    docs = {match.group(1): match.group(2) for match in DOC_COMMENT.finditer(text)}

    code = ANY_COMMENT.sub(blank, text)
    code = re.sub(r"^[ \t]*#.*?(?<!\\)$", blank, code, flags=re.M | re.S)

    for match in DECLARE_TYPE.finditer(code):
        if match.group(1) not in docs:
            problems.append(f"{path}:{line_of(code, match.start())}: type {match.group(1)} "
                            "has no gi-docgen comment")
    for match in TYPEDEF_ENUM.finditer(code):
        if match.group(1) not in docs:
            problems.append(f"{path}:{line_of(code, match.start())}: enum {match.group(1)} "
                            "has no gi-docgen comment")

    # struct and enum bodies hold no function declarations
    while True:
        flattened = re.sub(r"\{[^{}]*\}", blank, code)
        if flattened == code:
            break
        code = flattened

    offset = 0
    for statement in code.split(";"):
        start = offset + len(statement) - len(statement.lstrip())
        offset += len(statement) + 1
        statement = statement.strip()
        if statement.startswith(("typedef", "G_DECLARE", "G_DEFINE", "extern", "struct")):
            continue
        statement = re.sub(r"^(G_BEGIN_DECLS|G_END_DECLS|G_GNUC_\w+)\s*", "", statement)
        match = FUNCTION.match(statement)
        if not match:
            continue
        name = match.group("name")
        ret = " ".join(match.group("ret").split())
        where = f"{path}:{line_of(code, start)}"
        if name not in docs:
            problems.append(f"{where}: {name}() has no gi-docgen comment")
            continue
        returns = returns_section(docs[name])
        transfer = TRANSFER.search(returns) if returns else None
        if "*" in ret and not transfer:
            problems.append(f"{where}: {name}() returns a pointer ({ret}); its Returns: line "
                            "needs a (transfer full|none|container) annotation")
        if transfer and "_get_" in name and transfer.group(1) in ("full", "container"):
            problems.append(f"{where}: {name}() hands over ownership (transfer "
                            f"{transfer.group(1)}): name it _dup_, not _get_")
        if transfer and "_dup_" in name and transfer.group(1) == "none":
            problems.append(f"{where}: {name}() is named _dup_ but returns (transfer none)")
    return problems


def main(argv):
    headers = [Path(name) for name in argv[1:]] or DEFAULT_HEADERS
    problems = []
    for header in headers:
        problems.extend(check_header(header))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); see HACKING.md, \"API documentation\"",
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
