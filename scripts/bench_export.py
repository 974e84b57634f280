#!/usr/bin/env python3
"""Benchmark of exports (`make bench-export`; figures in BENCHMARKS.md).

Builds a library of N articles (100,000 by default; PolNeAR DEV text when
../shared/eval is present, else the sample; the same articles as
`bench_layer.py`) with the CLI, then exports its quotations to CSV, XLSX
and JSON with `quotemap export`, each timed with /usr/bin/time (wall, user
CPU, peak resident memory), and prints a table. Set BENCH_LIBRARY to reuse a
library built before, QUOTEMAP_CLI for another binary.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import bench_layer  # noqa: E402  (same articles as the layer benchmark)

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = pathlib.Path(os.environ.get("QUOTEMAP_CLI", ROOT / "target/release/quotemap"))
N = int(os.environ.get("BENCH_ARTICLES", "100000"))


def timed(args):
    """Runs args under /usr/bin/time -v: (wall s, user s, max RSS MB)."""
    result = subprocess.run(["/usr/bin/time", "-v", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stderr}")
    def field(name):
        return re.search(rf"{name}: (.+)", result.stderr).group(1).strip()
    wall = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\)")
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return seconds, float(field("User time \\(seconds\\)")), int(field("Maximum resident set size \\(kbytes\\)")) / 1024


def main():
    library = os.environ.get("BENCH_LIBRARY")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="quotemap-bench-export-"))
    if not library:
        bench_layer.N = N
        batch = folder / "articles.jsonl"
        bench_layer.write_batch(batch)
        library = folder / "library.sqlite3"
        wall, _, _ = timed([CLI, "--library", library, "import", "--max-file-bytes", "1000000000", batch])
        print(f"built {N} articles in {wall:.1f} s: {library}")
    size = os.path.getsize(library) / 1e6
    print(f"library: {library} ({size:.0f} MB)")
    print("| format | file | wall | user CPU | peak RSS |")
    print("|---|---|---|---|---|")
    for fmt, ext in [("csv", "csv"), ("xlsx", "xlsx"), ("json", "json")]:
        out = folder / f"quotes.{ext}"
        wall, user, rss = timed([CLI, "--library", library, "export", "--format", fmt, "--force", out])
        print(f"| {fmt} | {os.path.getsize(out) / 1e6:.0f} MB | {wall:.2f} s | {user:.2f} s | {rss:.0f} MB |")
        out.unlink()


if __name__ == "__main__":
    main()
