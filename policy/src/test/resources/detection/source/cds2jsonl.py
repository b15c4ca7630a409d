#!/usr/bin/env python3
"""CDS request sets: id<TAB>lang<TAB>cds(1/0)<TAB>text -> {"id","lang","text","cds"} JSONL.
Usage: python3 cds2jsonl.py cds-dev.tsv ../cds-dev.jsonl"""
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    for l in f:
        if l.startswith("#") or not l.strip():
            continue
        i, lang, c, t = l.rstrip("\n").split("\t")
        o.write(json.dumps({"id": i, "lang": lang, "text": t, "cds": c == "1"}, ensure_ascii=False) + "\n")
