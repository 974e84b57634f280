#!/usr/bin/env python3
"""Crash test (`make crash-test`; a short run is part of `make test`).

Kills `quotemap` with SIGKILL at random moments, again and again, and checks
after every kill that nothing stored was lost or damaged:

- an import of a 1,000-file batch (articles written by this script from our
  own quote fixtures, each file different) is killed at a random moment; the
  next import carries on with the same batch; when a batch is all in, a new
  library starts, so that kills keep landing on writes;
- every few kills, the kill lands on a writer of the user's layer instead
  (`quotemap annotate`, `quotemap quote confirm`), killed at a random moment.

After each kill the library is opened by SQLite itself and must pass
`PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the full-text
indexes' own integrity checks; every stored article must be whole (its
quotations, speakers, entity mentions and relations exactly those of the same
article imported without interruption, in a reference library); every note
and confirmation whose command had answered must still be there; and the
next import of a batch completes it with no article twice.

Usage: crash_test.py --kills N [--files 1000] [--seed S] [--quotemap PATH]
Exit 0 when every check held; the figures go to stdout (one JSON object).
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "quotes"


def write_batch(folder: Path, n_files: int, rng: random.Random) -> None:
    """n_files article files, each a different text made from our quote fixtures."""
    texts = [p.read_text() for p in sorted(FIXTURES.glob("*.txt"))]
    folder.mkdir(parents=True)
    for n in range(n_files):
        body = "\n\n".join(rng.sample(texts, k=2))
        headline = f"Council report {n}: the budget and the harbour"
        dateline = f"Published 2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
        (folder / f"article-{n:04d}.txt").write_text(f"{headline}\n\n{dateline}\n\n{body}\n")


class Quotemap:
    def __init__(self, binary: Path, library: Path):
        self.binary = binary
        self.library = library

    def command(self, *args: str) -> list:
        return [str(self.binary), "--library", str(self.library), *args]

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), capture_output=True, text=True, timeout=600)

    def run_killed(self, args: list, delay: float) -> bool:
        """Starts the command and kills it after `delay` seconds; True if it had finished first."""
        process = subprocess.Popen(self.command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            process.wait(timeout=delay)
            return process.returncode in (0, 3)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return False


def connect(library: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{library}?mode=ro", uri=True)


def article_shapes(library: Path) -> dict:
    """Per stored article (by its text's hash): its rows in each table of the analysis."""
    with connect(library) as db:
        rows = db.execute(
            """
            SELECT a.content_sha256,
                   (SELECT count(*) FROM quotes WHERE article_id = a.id),
                   (SELECT count(*) FROM speakers WHERE article_id = a.id),
                   (SELECT count(*) FROM entity_mentions WHERE article_id = a.id),
                   (SELECT count(*) FROM relations WHERE article_id = a.id),
                   (SELECT count(*) FROM article_analysis WHERE article_id = a.id)
            FROM articles a
            """
        ).fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def check_library(library: Path, reference: dict, acknowledged_notes: set, acknowledged_confirms: set) -> list:
    """What is wrong with the library after a kill (empty when all holds)."""
    problems = []
    with connect(library) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:5]}")
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            problems.append(f"foreign_key_check: {foreign[:5]}")
        for table in ("articles_fts", "user_annotations_fts"):
            try:
                db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                # A read-only connection refuses the write only when the index is sound.
                if "readonly" not in str(error):
                    problems.append(f"{table}: {error}")
        notes = {row[0] for row in db.execute("SELECT note FROM user_annotations")}
        confirmed = {
            row[0] for row in db.execute("SELECT exact FROM user_quotes WHERE status = 'confirmed'")
        }
    for shape_hash, shape in article_shapes(library).items():
        expected = reference.get(shape_hash)
        if expected is not None and shape != expected:
            problems.append(f"article {shape_hash[:12]} is partial: {shape} instead of {expected}")
    lost = acknowledged_notes - notes
    if lost:
        problems.append(f"{len(lost)} acknowledged note(s) lost: {sorted(lost)[:3]}")
    lost = acknowledged_confirms - confirmed
    if lost:
        problems.append(f"{len(lost)} acknowledged confirmation(s) lost")
    return problems


def article_ids(quotemap: Quotemap) -> list:
    listed = quotemap.run("list", "--json")
    return [json.loads(line)["id"] for line in listed.stdout.splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--quotemap", type=Path, default=ROOT / "target" / "debug" / "quotemap")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if not args.quotemap.exists():
        print(f"crash test: {args.quotemap} is not built", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="quotemap-crash-"))
    batch = work / "batch"
    write_batch(batch, args.files, rng)

    # The reference: the same batch imported without interruption.
    reference_lib = Quotemap(args.quotemap, work / "reference.sqlite3")
    started = time.monotonic()
    done = reference_lib.run("import", str(batch))
    full_import_s = time.monotonic() - started
    if done.returncode != 0:
        print(f"crash test: the reference import failed: {done.stderr[-2000:]}", file=sys.stderr)
        return 1
    reference = article_shapes(reference_lib.library)

    figures = {
        "seed": args.seed,
        "files": args.files,
        "reference_import_s": round(full_import_s, 2),
        "kills": 0,
        "runs": 0,
        "kills_during_import": 0,
        "kills_during_user_writes": 0,
        "libraries": 0,
        "batches_completed_after_kills": 0,
        "acknowledged_notes": 0,
        "acknowledged_confirmations": 0,
    }
    failures = []
    round_number = 0
    while figures["kills"] < args.kills and not failures:
        # A new library for each round: kills keep landing on writes.
        round_number += 1
        figures["libraries"] += 1
        quotemap = Quotemap(args.quotemap, work / f"library-{round_number}.sqlite3")
        notes: set = set()
        confirms: set = set()
        complete = False
        while not complete and figures["kills"] < args.kills and not failures:
            ids = article_ids(quotemap) if figures["runs"] % 4 == 3 else []
            if ids:
                # A writer of the user's layer, killed at a random moment.
                article = rng.choice(ids)
                shown = json.loads(quotemap.run("show", str(article), "--json").stdout)
                quotes = [q for q in shown.get("quotes", []) if q.get("status") == "machine"]
                if quotes and rng.random() < 0.5:
                    quote = rng.choice(quotes)
                    args_ = ["quote", "confirm", quote["id"]]
                    finished = quotemap.run_killed(args_, rng.uniform(0.0, 0.05))
                    if finished:
                        confirms.add(quote["text"])
                else:
                    note = f"note {round_number}-{figures['runs']}"
                    length = len(shown["text"])
                    start = rng.randrange(0, max(1, length - 20))
                    args_ = ["annotate", str(article), "--start", str(start), "--end", str(start + 10), "--note", note]
                    finished = quotemap.run_killed(args_, rng.uniform(0.0, 0.05))
                    if finished:
                        notes.add(note)
                figures["kills_during_user_writes"] += 0 if finished else 1
            else:
                # The import, killed anywhere from its start to the end of a full run.
                finished = quotemap.run_killed(["import", str(batch)], rng.uniform(0.02, full_import_s))
                figures["kills_during_import"] += 0 if finished else 1
                complete = finished
            figures["runs"] += 1
            figures["kills"] += 0 if finished else 1
            problems = check_library(quotemap.library, reference, notes, confirms)
            if problems:
                failures.append({"kill": figures["kills"], "library": str(quotemap.library), "problems": problems})
        if not failures:
            # The next import completes the batch; no article is there twice.
            done = quotemap.run("import", str(batch))
            shapes = article_shapes(quotemap.library)
            imported = sum(1 for h in shapes if h in reference)
            if done.returncode not in (0, 3) or imported != len(reference):
                failures.append(
                    {"library": str(quotemap.library), "problems": [f"after the kills {imported} of {len(reference)} articles"]}
                )
            problems = check_library(quotemap.library, reference, notes, confirms)
            if problems:
                failures.append({"library": str(quotemap.library), "problems": problems})
            figures["batches_completed_after_kills"] += 1
            figures["acknowledged_notes"] += len(notes)
            figures["acknowledged_confirmations"] += len(confirms)
    figures["failures"] = failures
    print(json.dumps(figures, indent=2))
    if failures:
        print(f"crash test FAILED (seed {args.seed}); libraries kept in {work}", file=sys.stderr)
        return 1
    subprocess.run(["rm", "-rf", str(work)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
