#!/usr/bin/env python3
"""Checks that a directory is a well-formed BEIR set: corpus.jsonl, queries.jsonl, qrels/test.tsv.

Usage: python3 infra/demo/tools/validate_beir.py [DIR] [--bm25]

Checks: every line parses as JSON with a unique string _id and non-empty text;
the qrels file has the header 'query-id<TAB>corpus-id<TAB>score', three columns
per line, integer scores >= 1, no duplicate pairs, and every id exists in the
corpus / queries; every query has at least one relevant passage.
Exits non-zero with a message on the first class of error found.

--bm25 also prints nDCG@10 and recall@100 of a plain, unstemmed BM25 (k1=0.9,
b=0.4, lower-cased word tokens). That number is only a smoke test showing the
set is neither broken nor trivial; the project's real figures come from
`infra/bin/consilium eval-retrieval`.
"""
import collections
import json
import math
import os
import re
import sys

DEFAULT = os.path.join(os.path.dirname(__file__), "..", "..", "..",
                       "rag-index", "src", "test", "resources", "beir", "consilium-demo")


def fail(msg):
    print("INVALID: " + msg, file=sys.stderr)
    sys.exit(1)


def read_jsonl(path, need_title):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                fail(f"{path}:{n}: empty line")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"{path}:{n}: {e}")
            _id = obj.get("_id")
            if not isinstance(_id, str) or not _id:
                fail(f"{path}:{n}: missing _id")
            if _id in rows:
                fail(f"{path}:{n}: duplicate _id {_id}")
            if not isinstance(obj.get("text"), str) or not obj["text"].strip():
                fail(f"{path}:{n}: empty text")
            if need_title and not isinstance(obj.get("title"), str):
                fail(f"{path}:{n}: missing title")
            rows[_id] = obj
    return rows


def read_qrels(path, corpus, queries):
    qrels = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n")
        if header != "query-id\tcorpus-id\tscore":
            fail(f"{path}: bad header {header!r}")
        for n, line in enumerate(f, start=2):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                fail(f"{path}:{n}: expected 3 tab-separated columns")
            q, d, s = parts
            if q not in queries:
                fail(f"{path}:{n}: unknown query {q}")
            if d not in corpus:
                fail(f"{path}:{n}: unknown corpus id {d}")
            if not s.isdigit() or int(s) < 1:
                fail(f"{path}:{n}: score must be a positive integer")
            if d in qrels[q]:
                fail(f"{path}:{n}: duplicate pair {q} {d}")
            qrels[q][d] = int(s)
    missing = [q for q in queries if q not in qrels]
    if missing:
        fail(f"queries without judgements: {missing[:10]}")
    return qrels


def tokens(text):
    return re.findall(r"\w+", text.lower())


def bm25(corpus, queries, qrels, k1=0.9, b=0.4):
    ids = list(corpus)
    docs = [tokens(corpus[i].get("title", "") + " " + corpus[i]["text"]) for i in ids]
    avgdl = sum(map(len, docs)) / len(docs)
    df = collections.Counter(t for d in docs for t in set(d))
    tfs = [collections.Counter(d) for d in docs]
    N = len(docs)
    ndcgs, recalls = [], []
    for qid, q in queries.items():
        scores = []
        qt = tokens(q["text"])
        for i, tf in enumerate(tfs):
            s = 0.0
            for t in qt:
                if t in tf:
                    idf = math.log(1 + (N - df[t] + 0.5) / (df[t] + 0.5))
                    s += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(docs[i]) / avgdl))
            scores.append((s, ids[i]))
        ranked = [d for s, d in sorted(scores, key=lambda x: -x[0]) if s > 0]
        rel = qrels[qid]
        dcg = sum((2 ** rel.get(d, 0) - 1) / math.log2(r + 2) for r, d in enumerate(ranked[:10]))
        ideal = sorted(rel.values(), reverse=True)
        idcg = sum((2 ** g - 1) / math.log2(r + 2) for r, g in enumerate(ideal[:10]))
        ndcgs.append(dcg / idcg)
        recalls.append(len(set(ranked[:100]) & set(rel)) / len(rel))
    return sum(ndcgs) / len(ndcgs), sum(recalls) / len(recalls)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    d = os.path.abspath(args[0] if args else DEFAULT)
    corpus = read_jsonl(os.path.join(d, "corpus.jsonl"), need_title=True)
    queries = read_jsonl(os.path.join(d, "queries.jsonl"), need_title=False)
    qrels = read_qrels(os.path.join(d, "qrels", "test.tsv"), corpus, queries)
    n = sum(len(v) for v in qrels.values())
    print(f"OK {d}: {len(corpus)} passages, {len(queries)} queries, {n} judgements")
    if "--bm25" in sys.argv:
        ndcg, recall = bm25(corpus, queries, qrels)
        print(f"plain BM25 (unstemmed, smoke test only): ndcg@10={ndcg:.3f} recall@100={recall:.3f}")


if __name__ == "__main__":
    main()
