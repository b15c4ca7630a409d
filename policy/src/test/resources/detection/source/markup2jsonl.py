#!/usr/bin/env python3
"""Turns an annotated source file (id<TAB>lang<TAB>text with [[CATEGORY:text]] marks, \\n for line breaks)
into the JSONL the tests read: {"id","lang","text","spans":[{"start","end","category"}]}.
Offsets are UTF-16 code units, which equals Python code points for the BMP-only text used here.
Usage: python3 markup2jsonl.py heldout.txt ../phi-heldout.jsonl"""
import json, re, sys

MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]")
CATS = {"PERSON", "LOCATION", "POSTCODE", "INSTITUTION", "DATE", "AGE", "BSN", "PATIENT_ID", "PHONE", "EMAIL", "URL", "OTHER_ID"}

def convert(line):
    nid, lang, marked = line.rstrip("\n").split("\t")
    marked = marked.replace("\\n", "\n")
    text, spans, pos = [], [], 0
    out_len = 0
    for m in MARK.finditer(marked):
        plain = marked[pos:m.start()]
        text.append(plain); out_len += len(plain)
        cat, val = m.group(1), m.group(2)
        if cat not in CATS:
            raise SystemExit(f"{nid}: unknown category {cat}")
        spans.append({"start": out_len, "end": out_len + len(val), "category": cat})
        text.append(val); out_len += len(val)
        pos = m.end()
    text.append(marked[pos:])
    full = "".join(text)
    if "[[" in full or "]]" in full:
        raise SystemExit(f"{nid}: unbalanced mark")
    if any(ord(c) > 0xFFFF for c in full):
        raise SystemExit(f"{nid}: non-BMP character would break UTF-16 offsets")
    return {"id": nid, "lang": lang, "text": full, "spans": spans}

def main(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            out.write(json.dumps(convert(line), ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
