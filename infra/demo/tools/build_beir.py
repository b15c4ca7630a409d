#!/usr/bin/env python3
"""Builds the BEIR-format evaluation set consilium-demo from the demo knowledge base.

Usage: python3 infra/demo/tools/build_beir.py [--list]

Reads   infra/demo/knowledge/*.{md,html,txt}
Writes  rag-index/src/test/resources/beir/consilium-demo/{corpus.jsonl,queries.jsonl,qrels/test.tsv}

One corpus passage per section (the introduction before the first second-level
heading, then every ## / ### section, or every CAPITALS heading in .txt), with
the text taken verbatim from the document apart from Markdown emphasis markers
and HTML tags. The disclaimer line is left out of the passages because it is
identical in every document and no query asks for it.

Queries and judgements are written by hand in queries.py next to this file;
each judgement names a document id and a heading, and this script resolves it
to a passage id, failing loudly when a heading is missing or ambiguous, so an
edit to a document cannot silently break the qrels. --list prints all passage
ids and titles (used while writing queries).

Only the Python standard library is used (plus PyYAML if present; a tiny
fallback parser handles the flat front matter otherwise).
"""
import html
import html.parser
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
KNOWLEDGE = os.path.join(ROOT, "infra", "demo", "knowledge")
OUT = os.path.join(ROOT, "rag-index", "src", "test", "resources", "beir", "consilium-demo")
DISCLAIMER = "Fictieve democontent — niet voor klinisch gebruik."
REQUIRED_META = ["title", "id", "source", "owner", "version", "language", "review_date", "licence", "url"]


def parse_front_matter(text, path):
    if not text.startswith("---\n"):
        raise SystemExit(f"{path}: no front matter")
    end = text.index("\n---\n", 4)
    block, body = text[4:end], text[end + 5:]
    meta = {}
    for line in block.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        meta[key.strip()] = value
    return meta, body


def clean_md(line):
    line = re.sub(r"^>\s?", "", line)
    line = line.replace("**", "")
    line = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", line)
    return line.rstrip()


def sections_md(body):
    """Yields (heading_path_list, text) in document order."""
    path, lines, out = [], [], []

    def flush():
        text = "\n".join(l for l in lines).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text:
            out.append((list(path), text))

    for raw in body.splitlines():
        m = re.match(r"^(#{1,3})\s+(.*)$", raw)
        if m:
            flush()
            lines = []
            level, title = len(m.group(1)), m.group(2).strip()
            if level == 1:
                path = []
            elif level == 2:
                path = [title]
            else:
                path = path[:1] + [title]
            continue
        if raw.strip().strip(">").strip().strip("*_").strip() == DISCLAIMER:
            continue
        lines.append(clean_md(raw))
    flush()
    return out


ACRONYMS = {"siadh": "SIADH"}


def sentence_case(heading):
    words = heading.lower().split(" ")
    words = [ACRONYMS.get(w, w) for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def sections_txt(body):
    path, lines, out = [], [], []
    seen_title = False

    def flush():
        text = "\n".join(lines).strip()
        if text:
            out.append((list(path), text))

    for raw in body.splitlines():
        s = raw.strip()
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", s)
        if letters and s == s.upper() and len(letters) >= 4:
            flush()
            lines = []
            if not seen_title:
                seen_title, path = True, []
            else:
                path = [sentence_case(s)]
            continue
        if s == DISCLAIMER:
            continue
        lines.append(raw.rstrip())
    flush()
    return out


class MainExtractor(html.parser.HTMLParser):
    """Collects block text inside <main>, skipping nav/aside/boilerplate blocks."""
    SKIP_TAGS = {"nav", "aside", "script", "style", "footer", "form", "button"}
    SKIP_CLASSES = ("cookie", "consent", "print-bar", "breadcrumb")
    BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "div", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.in_main = 0
        self.skip = 0
        self.stack = []
        self.events = []  # ("h2", text) | ("text", line)
        self.buf = []
        self.cells = None
        self.list_stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or "").startswith("consilium:"):
            self.meta[a["name"].split(":", 1)[1]] = a.get("content", "")
        if tag in ("meta", "link", "img", "br", "input"):
            if tag == "br":
                self.buf.append(" ")
            return
        cls = a.get("class") or ""
        skipping = tag in self.SKIP_TAGS or any(c in cls for c in self.SKIP_CLASSES)
        self.stack.append((tag, skipping))
        if skipping:
            self.skip += 1
        if tag == "main":
            self.in_main += 1
        if not self.active():
            return
        if tag in ("ul", "ol"):
            self.list_stack.append([tag, 0])
        if tag == "tr":
            self.cells = []
        if tag in ("td", "th"):
            self.buf = []
        elif tag in self.BLOCKS:
            self.flush_text()

    def active(self):
        return self.in_main and not self.skip

    def flush_text(self):
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.events.append(("text", text))

    def handle_endtag(self, tag):
        if not self.stack:
            return
        # tolerate unclosed tags by popping to the matching opener
        idx = max((i for i, (t, _) in enumerate(self.stack) if t == tag), default=None)
        if idx is None:
            return
        was_active = self.active()
        popped = self.stack[idx:]
        del self.stack[idx:]
        if was_active:
            if tag in ("td", "th") and self.cells is not None:
                self.cells.append(re.sub(r"\s+", " ", "".join(self.buf)).strip())
                self.buf = []
            elif tag == "tr" and self.cells is not None:
                self.events.append(("text", "| " + " | ".join(self.cells) + " |"))
                self.cells = None
            elif tag in ("h1", "h2", "h3"):
                text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
                self.buf = []
                self.events.append((tag, text))
            elif tag == "li":
                text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
                self.buf = []
                if self.list_stack:
                    kind = self.list_stack[-1]
                    kind[1] += 1
                    prefix = f"{kind[1]}. " if kind[0] == "ol" else "- "
                else:
                    prefix = "- "
                if text:
                    self.events.append(("text", prefix + text))
            elif tag in ("ul", "ol"):
                self.flush_text()
                if self.list_stack:
                    self.list_stack.pop()
            elif tag in self.BLOCKS:
                self.flush_text()
        for t, skipping in popped:
            if skipping:
                self.skip -= 1
            if t == "main":
                self.in_main -= 1

    def handle_data(self, data):
        if self.active():
            self.buf.append(data)


def sections_html(text):
    p = MainExtractor()
    p.feed(text)
    p.close()
    path, lines, out = [], [], []

    def flush():
        body = "\n".join(lines).strip()
        if body:
            out.append((list(path), body))

    for kind, value in p.events:
        if kind in ("h1", "h2", "h3"):
            flush()
            lines = []
            if kind == "h1":
                path = []
            elif kind == "h2":
                path = [value]
            else:
                path = path[:1] + [value]
        elif value == DISCLAIMER:
            continue
        else:
            lines.append(value)
    flush()
    return p.meta, out


def load_documents():
    docs = []
    for name in sorted(os.listdir(KNOWLEDGE)):
        path = os.path.join(KNOWLEDGE, name)
        if name == "README.md" or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if DISCLAIMER not in text:
            raise SystemExit(f"{name}: disclaimer line missing")
        if name.endswith(".md"):
            meta, body = parse_front_matter(text, name)
            secs = sections_md(body)
        elif name.endswith(".txt"):
            meta, body = parse_front_matter(text, name)
            secs = sections_txt(body)
        elif name.endswith(".html"):
            meta, secs = sections_html(text)
        else:
            raise SystemExit(f"{name}: unknown format")
        missing = [k for k in REQUIRED_META if not meta.get(k)]
        if missing:
            raise SystemExit(f"{name}: missing metadata {missing}")
        if meta["id"] != os.path.splitext(name)[0]:
            raise SystemExit(f"{name}: id {meta['id']} does not match file name")
        if meta["source"] not in ("demo-richtlijnen", "demo-protocollen"):
            raise SystemExit(f"{name}: bad source {meta['source']}")
        if not re.fullmatch(r"2027-\d\d-\d\d", meta["review_date"]) or meta["language"] != "nl":
            raise SystemExit(f"{name}: bad review_date/language")
        docs.append((meta, secs))
    return docs


def build_corpus(docs):
    corpus = []
    for meta, secs in docs:
        for n, (path, text) in enumerate(secs):
            title = " > ".join([meta["title"]] + path)
            corpus.append({"_id": f"{meta['id']}#{n}", "title": title, "text": text,
                           "_doc": meta["id"], "_path": path})
    return corpus


def resolve(corpus, doc, heading):
    """heading '' = introduction; otherwise matches the last heading-path element exactly,
    or a full 'H2 > H3' path."""
    cands = [c for c in corpus if c["_doc"] == doc]
    if not cands:
        raise SystemExit(f"judgement: unknown document {doc}")
    if heading == "":
        hits = [c for c in cands if not c["_path"]]
    else:
        hits = [c for c in cands if c["_path"] and (c["_path"][-1] == heading or " > ".join(c["_path"]) == heading)]
    if len(hits) != 1:
        raise SystemExit(f"judgement: {doc} / '{heading}' matches {len(hits)} passages: "
                         + ", ".join(c["title"] for c in hits))
    return hits[0]["_id"]


def main():
    docs = load_documents()
    corpus = build_corpus(docs)
    if "--list" in sys.argv:
        for c in corpus:
            print(f"{c['_id']:45s} {' > '.join(c['_path']) or '(intro)'}  [{len(c['text'].split())} w]")
        return
    sys.path.insert(0, os.path.dirname(__file__))
    from queries import QUERIES  # noqa: E402

    os.makedirs(os.path.join(OUT, "qrels"), exist_ok=True)
    with open(os.path.join(OUT, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for c in corpus:
            f.write(json.dumps({"_id": c["_id"], "title": c["title"], "text": c["text"]}, ensure_ascii=False) + "\n")
    qrels = []
    with open(os.path.join(OUT, "queries.jsonl"), "w", encoding="utf-8") as f:
        for i, (text, judgements) in enumerate(QUERIES, start=1):
            qid = f"q{i}"
            f.write(json.dumps({"_id": qid, "text": text}, ensure_ascii=False) + "\n")
            if not judgements:
                raise SystemExit(f"{qid}: no judgements")
            seen = set()
            for doc, heading, grade in judgements:
                if grade not in (1, 2):
                    raise SystemExit(f"{qid}: grade {grade}")
                pid = resolve(corpus, doc, heading)
                if pid in seen:
                    raise SystemExit(f"{qid}: duplicate judgement {pid}")
                seen.add(pid)
                qrels.append((qid, pid, grade))
            if not any(g == 2 for _, _, g in judgements):
                raise SystemExit(f"{qid}: needs at least one grade-2 passage")
    with open(os.path.join(OUT, "qrels", "test.tsv"), "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for q, p, g in qrels:
            f.write(f"{q}\t{p}\t{g}\n")
    print(f"documents={len(docs)} passages={len(corpus)} queries={len(QUERIES)} qrels={len(qrels)}")


if __name__ == "__main__":
    main()
