#!/usr/bin/env python3
"""Writes crates/checkout-rules/src/rules/idna/tables.rs: the Unicode data
the A-label check needs (rules/idna/mod.rs), packed small for the
WebAssembly package.

Sources, both pinned so the table changes only in a reviewed commit:
- the IDNA mapping table of UTS #46 from the PyPI package `idna` 3.4
  (`idna.uts46data`, Unicode 15.0.0);
- the Unicode Character Database 15.0.0 from Debian's `unicode-data`
  package (15.0.0-1, /usr/share/unicode): bidi classes, general
  categories, joining types, combining classes, decompositions and
  composition exclusions.

Unicode 15.0 is the version of the UTS #46 mapping table in Node 20's URL
parser (ada 2.9), the oracle the tests hold the rule to, which must never
accept a host that parser refuses. Its other tables are older, and where
they are, the table here narrows to what both know (`node_20_narrowing`).

    python3 scripts/generate-idna-tables.py            # write the table
    python3 scripts/generate-idna-tables.py --check    # fail if it differs
"""

import argparse
import os
import subprocess
import sys

UCD = os.environ.get("UCD_DIR", "/usr/share/unicode")
OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "crates", "checkout-rules", "src", "rules", "idna", "tables.rs",
)
UNICODE_VERSION = "15.0.0"
LIMIT = 0x110000


def rows(filename):
    """A UCD file's data lines: the code points of each and its other
    fields."""
    with open(os.path.join(UCD, filename), encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            bounds = fields[0].split("..")
            yield range(int(bounds[0], 16), int(bounds[-1], 16) + 1), fields[1:]


def ranges(filename, default):
    """A per-code-point list of the second field of a UCD file."""
    values = [default] * LIMIT
    for span, fields in rows(filename):
        for c in span:
            values[c] = fields[0]
    return values


def check_version(filename):
    with open(os.path.join(UCD, filename), encoding="utf-8") as f:
        first = f.readline()
    if f"-{UNICODE_VERSION}.txt" not in first:
        sys.exit(f"{filename} is not Unicode {UNICODE_VERSION}: {first.strip()}")


def idna_valid():
    """Code points whose UTS #46 status is valid or deviation (the
    nontransitional processing WHATWG uses), or disallowed_STD3_valid
    (UseSTD3ASCIIRules is false for URLs)."""
    import idna
    from idna.uts46data import uts46data

    if idna.uts46data.__version__ != UNICODE_VERSION:
        sys.exit(f"idna's UTS #46 table is {idna.uts46data.__version__}, not {UNICODE_VERSION}")
    valid = [False] * LIMIT
    rows = list(uts46data)
    for i, row in enumerate(rows):
        end = rows[i + 1][0] if i + 1 < len(rows) else LIMIT
        status = row[1]
        ok = status in ("V", "D") or (status == "3" and len(row) == 2)
        for c in range(row[0], end):
            valid[c] = ok
    return valid


# Bidi classes as RFC 5893's rule sees them.
BIDI = {"L": 0, "R": 1, "AL": 1, "AN": 2, "EN": 3, "NSM": 4}
BIDI_NEUTRAL = 5  # ES, CS, ET, ON, BN: allowed in both directions
BIDI_OTHER = 6  # anything else: allowed in neither
JOINING = {"D": 1, "L": 2, "R": 3, "T": 4}
VIRAMA_TRANSPARENT = 5  # a virama, transparent
VIRAMA = 6  # a virama that is not


# Node 20's parser reads bidi classes of Unicode 13.0, and joining types for
# these ranges only (the Arabic, Syriac, Mongolian and Phags-pa letters of
# Unicode 6.0 and before, and parts of their supplements); a joining letter
# outside them, or a code point newer than 13.0 in right-to-left text, makes
# it refuse a label the standard allows.
NODE_20_BIDI_AGE = (13, 0)
NODE_20_JOINING = [
    (0x0620, 0x06FF), (0x0710, 0x074F), (0x0750, 0x0766), (0x0850, 0x0855),
    (0x08A0, 0x08AC), (0x1800, 0x18AF), (0xA840, 0xA877),
]
NODE_20_VIRAMA_AGE = (13, 0)


def version(text):
    return tuple(int(x) for x in text.split("."))


def leb128(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return out


def zigzag(n):
    return n * 2 if n >= 0 else -n * 2 - 1


def generate():
    for f in ("extracted/DerivedBidiClass.txt", "extracted/DerivedGeneralCategory.txt", "extracted/DerivedJoiningType.txt", "extracted/DerivedCombiningClass.txt", "DerivedNormalizationProps.txt", "DerivedAge.txt"):
        check_version(f)
    valid = idna_valid()
    bidi = ranges("extracted/DerivedBidiClass.txt", "L")
    category = ranges("extracted/DerivedGeneralCategory.txt", "Cn")
    joining = ranges("extracted/DerivedJoiningType.txt", "U")
    combining = ranges("extracted/DerivedCombiningClass.txt", "0")
    age = ranges("DerivedAge.txt", None)

    decomposition = {}
    with open(os.path.join(UCD, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            if fields[5] and not fields[5].startswith("<"):
                decomposition[int(fields[0], 16)] = [int(x, 16) for x in fields[5].split()]
    excluded = set()
    quick_check_no = set()
    quick_check_maybe = set()
    for span, fields in rows("DerivedNormalizationProps.txt"):
        if fields[0] == "Full_Composition_Exclusion":
            excluded.update(span)
        elif fields[0] == "NFC_QC" and fields[1] == "N":
            quick_check_no.update(span)
        elif fields[0] == "NFC_QC" and fields[1] == "M":
            quick_check_maybe.update(span)

    # The table's NFC check leans on two facts of the data; fail loudly if a
    # new Unicode version breaks them.
    assert not any(valid[c] for c in quick_check_no), "a valid code point is NFC_QC=No"
    primary = {c: d for c, d in decomposition.items() if len(d) == 2 and c not in excluded}
    for c in range(LIMIT):
        if valid[c] and c in decomposition and not 0xAC00 <= c <= 0xD7A3:
            assert c in primary, f"U+{c:04X} decomposes but is not a primary composite"

    # Every pair that can meet while a label of valid code points is
    # normalised: both parts are valid, or the parts of a valid code point's
    # decomposition, or a composite formed on the way.
    def parts(c):
        if c in decomposition:
            return [p for x in decomposition[c] for p in parts(x)]
        return [c]

    reachable = {c for c in range(LIMIT) if valid[c]}
    for c in list(reachable):
        if not 0xAC00 <= c <= 0xD7A3:
            reachable.update(parts(c))
    compositions = set()
    grew = True
    while grew:
        grew = False
        for c, (a, b) in primary.items():
            if c not in compositions and a in reachable and b in reachable:
                compositions.add(c)
                reachable.add(c)
                grew = True
    seconds = sorted({primary[c][1] for c in compositions})
    assert len(seconds) < 256
    assert set(seconds) <= quick_check_maybe
    assert not any(s in decomposition for s in seconds), "a second part decomposes"

    def node_20_narrowing(c, b, j):
        """The bidi class and joining type as the narrower of the standard
        and Node 20's parser see them."""
        if version(age[c]) > NODE_20_BIDI_AGE and b != BIDI["L"]:
            b = BIDI_OTHER
        if j in (JOINING["D"], JOINING["L"], JOINING["R"]) and not any(lo <= c <= hi for lo, hi in NODE_20_JOINING):
            j = 0
        if version(age[c]) > (10, 0) and 0x1800 <= c <= 0x18AF and j != JOINING["T"]:
            j = 0
        return b, j

    def props(c):
        if not valid[c]:
            return None
        b = BIDI.get(bidi[c], BIDI_NEUTRAL if bidi[c] in ("ES", "CS", "ET", "ON", "BN") else BIDI_OTHER)
        j = JOINING.get(joining[c], 0)
        b, j = node_20_narrowing(c, b, j)
        # A virama as Node 20 knows it, what a joiner may follow.
        if combining[c] == "9" and version(age[c]) <= NODE_20_VIRAMA_AGE:
            assert j in (0, JOINING["T"]), f"U+{c:04X}: a joining virama"
            j = VIRAMA_TRANSPARENT if j == JOINING["T"] else VIRAMA
        flags = (1 << 3) if category[c].startswith("M") else 0
        flags |= (1 << 7) if c in quick_check_maybe else 0
        return b | flags | (j << 4) | (int(combining[c]) << 8)

    # Runs of equal properties from U+0080 (ASCII is checked by the caller).
    runs = []
    current = object()
    for c in range(0x80, LIMIT):
        p = props(c)
        if p != current:
            runs.append([c, p])
            current = p
    classes = sorted({p for _, p in runs if p is not None})
    assert len(classes) < 255
    index = {p: i + 1 for i, p in enumerate(classes)}
    lengths = bytearray()
    run_classes = bytearray()
    for i, (start, p) in enumerate(runs):
        end = runs[i + 1][0] if i + 1 < len(runs) else LIMIT
        lengths += leb128(end - start)
        run_classes.append(index[p] if p is not None else 0)

    composition_bytes = bytearray()
    previous = 0
    for c in sorted(compositions):
        a, b = primary[c]
        composition_bytes += leb128(c - previous)
        composition_bytes += leb128(zigzag(c - a))
        composition_bytes.append(seconds.index(b))
        previous = c

    def bytes_literal(name, doc, data):
        lines = [f"/// {line}" if line else "///" for line in doc]
        lines.append(f"pub(super) static {name}: [u8; {len(data)}] = [")
        for i in range(0, len(data), 20):
            lines.append("    " + ", ".join(str(b) for b in data[i : i + 20]) + ",")
        lines.append("];")
        return "\n".join(lines)

    def words_literal(name, doc, kind, data):
        lines = [f"/// {line}" for line in doc]
        lines.append(f"pub(super) static {name}: [{kind}; {len(data)}] = [")
        for i in range(0, len(data), 10):
            lines.append("    " + ", ".join(f"{x:#06x}" for x in data[i : i + 10]) + ",")
        lines.append("];")
        return "\n".join(lines)

    parts_out = [
        "// Generated by scripts/generate-idna-tables.py from Unicode "
        f"{UNICODE_VERSION} (UTS #46 table of PyPI idna 3.4,",
        "// UCD of Debian unicode-data 15.0.0-1). Do not edit.",
        "",
        words_literal(
            "CLASSES",
            [
                "Properties of each class of code point, `RUN_CLASSES` 1 being the first:",
                "bits 0–2 the bidi class ([`Bidi`](super::Bidi)), bit 3 a combining mark,",
                "bits 4–6 the joining type (U, D, L, R, T; 5 a transparent virama, 6 another",
                "virama), bit 7",
                "NFC_QC=Maybe, bits 8–15",
                "the canonical combining class. Bidi classes and joining types are",
                "narrowed to what Node 20's URL parser knows (the generator says how).",
            ],
            "u16",
            classes,
        ),
        "",
        bytes_literal(
            "RUN_LENGTHS",
            [
                "Runs of code points of one class from U+0080 on, as LEB128 lengths.",
            ],
            lengths,
        ),
        "",
        bytes_literal(
            "RUN_CLASSES",
            [
                "Each run's class: 0 for code points a label may not contain, else an",
                "index into `CLASSES` plus one.",
            ],
            run_classes,
        ),
        "",
        words_literal(
            "SECONDS",
            ["The second code points of the canonical compositions."],
            "u32",
            seconds,
        ),
        "",
        bytes_literal(
            "COMPOSITIONS",
            [
                "The canonical compositions a label of valid code points can meet, by",
                "composite: LEB128 of the composite's distance from the previous one,",
                "LEB128 of the zigzagged distance from composite to first part, and the",
                "second part's index in `SECONDS`.",
            ],
            composition_bytes,
        ),
        "",
        f"/// How many entries `COMPOSITIONS` holds.\n#[cfg(test)]\npub(super) const COMPOSITION_COUNT: usize = {len(compositions)};",
        "",
    ]
    return "\n".join(parts_out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the committed table differs")
    args = parser.parse_args()
    # Formatted as `cargo fmt` would, so the check and the formatter agree.
    text = subprocess.run(
        ["rustfmt", "--edition", "2024"], input=generate(), capture_output=True, text=True, check=True
    ).stdout
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{OUT} differs from what {sys.argv[0]} writes; regenerate it")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
