#!/usr/bin/env python3
"""Benchmark of the analyst's layer (`make bench-layer`; figures in BENCHMARKS.md).

Builds a library of N articles (10,000 by default; PolNeAR DEV text when
../shared/eval is present, else the sample) with the release CLI, copies it,
and gives the copy N user items the way the app stores them: a confirmation
of each article's first quotation and a note on each article's first words
(anchors with the stored text and its context, as the engine writes them).
Then times `quotemap reanalyze --all` on both and `quotemap annotations list`
(whole list, and a search) on the copy. Prints the figures and the path of
the annotated library, which `tests/e2e/bench_layer.mjs` opens in the window.
"""
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = ROOT / "target/release/quotemap"
N = int(os.environ.get("BENCH_ARTICLES", "10000"))
CONTEXT = 32


def paragraphs():
    polnear = ROOT.parent / "shared/eval/polnear.dev.jsonl"
    if polnear.exists():
        text = "\n\n".join(json.loads(line)["text"] for line in polnear.open())
    else:
        text = (ROOT / "crates/core/data/iran-press-2019-01-30.txt").read_text()
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]


def write_batch(path):
    pool = paragraphs()
    with path.open("w") as out:
        for i in range(N):
            body = [pool[(i * 7 + k * 13) % len(pool)] for k in range(4 + i % 9)]
            title = " ".join(body[0].split()[:8]) + f" ({i})"
            day = f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps({"title": title, "text": "\n\n".join(body), "date": day}) + "\n")


def anchor(text_bytes, start, end):
    """exact, prefix and suffix of a byte span, CONTEXT characters of context each side."""
    before = text_bytes[:start].decode()
    after = text_bytes[end:].decode()
    return text_bytes[start:end].decode(), before[-CONTEXT:], after[:CONTEXT]


def add_user_items(library):
    db = sqlite3.connect(library)
    now = "2026-12-02T00:00:00Z"
    rows = db.execute(
        """SELECT a.id, a.text, q.start_byte, q.end_byte, q.kind, s.name, s.kind
           FROM articles a JOIN quotes q ON q.article_id = a.id
           LEFT JOIN speakers s ON s.id = q.speaker_id
           WHERE q.id = (SELECT min(id) FROM quotes WHERE article_id = a.id)"""
    ).fetchall()
    confirmed = 0
    for article_id, text, start, end, kind, speaker, speaker_kind in rows:
        data = text.encode()
        exact, prefix, suffix = anchor(data, start, end)
        db.execute(
            """INSERT INTO user_quotes (article_id, status, start_byte, end_byte, exact, prefix,
                   suffix, kind, speaker_name, speaker_kind, created_at, updated_at)
               VALUES (?, 'confirmed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article_id, start, end, exact, prefix, suffix, kind, speaker, speaker_kind, now, now),
        )
        confirmed += 1
    notes = 0
    for article_id, text in db.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
        data = text.encode()
        end = len(" ".join(text.split(" ")[:6]).encode())
        exact, prefix, suffix = anchor(data, 0, end)
        note = f"Check this claim against the wire copy {article_id}"
        cursor = db.execute(
            """INSERT INTO user_annotations (article_id, start_byte, end_byte, exact, prefix, suffix,
                   note, color, created_at, updated_at)
               VALUES (?, 0, ?, ?, ?, ?, ?, 'yellow', ?, ?)""",
            (article_id, end, exact, prefix, suffix, note, now, now),
        )
        db.execute(
            "INSERT INTO user_annotation_tags (annotation_id, tag) VALUES (?, ?)",
            (cursor.lastrowid, ["follow-up", "claims", "sources"][article_id % 3]),
        )
        notes += 1
    db.commit()
    db.close()
    return confirmed, notes


def timed(args):
    started = time.perf_counter()
    subprocess.run([str(CLI), *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="quotemap-bench-layer-"))
    plain = work / "plain.sqlite3"
    annotated = work / "annotated.sqlite3"
    batch = work / "articles.jsonl"
    write_batch(batch)
    subprocess.run([str(CLI), "--library", str(plain), "import", str(batch)], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(plain, annotated)
    confirmed, notes = add_user_items(annotated)
    # The links of the inserted versions are derived: one reanalysis builds them.
    timed(["--library", str(annotated), "reanalyze", "--all"])
    runs = {"without": [], "with": []}
    for _ in range(int(os.environ.get("BENCH_RUNS", "4"))):
        runs["without"].append(timed(["--library", str(plain), "reanalyze", "--all"]))
        runs["with"].append(timed(["--library", str(annotated), "reanalyze", "--all"]))
    listing = [timed(["--library", str(annotated), "annotations", "list", "--json"]) for _ in range(3)]
    search = [timed(["--library", str(annotated), "annotations", "list", "--search", "wire copy 4711"]) for _ in range(3)]
    best = {k: min(v) for k, v in runs.items()}
    print(f"articles: {N}, user items: {confirmed} confirmed quotations + {notes} notes")
    print(f"reanalyze --all without user items: {best['without']:.1f} s (runs {runs['without']})")
    print(f"reanalyze --all with them:          {best['with']:.1f} s (runs {runs['with']})")
    print(f"slower by {100 * (best['with'] / best['without'] - 1):.1f} %")
    print(f"annotations list (all, JSON): {min(listing):.2f} s; search: {min(search):.2f} s (process start included)")
    print(f"annotated library: {annotated}")


if __name__ == "__main__":
    sys.exit(main())
