#!/usr/bin/env python3
"""The Python package's speed (make bench-python): `extract_batch` of the release wheel
against the release `quotemap extract` on the same texts, `extract` one text at a time,
and the Spark example in local mode (`local[2]`), articles per second.

Texts: the PolNeAR DEV articles when ../shared/eval/polnear.dev.jsonl is there (read
only for their text, as a realistic mix of news), else our fixture texts. Prints a
table for BENCHMARKS.md; the figures of one run on one machine.
"""

import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

REPOSITORY = pathlib.Path(__file__).resolve().parents[1]
CLI = REPOSITORY / "target" / "release" / "quotemap"
EVAL = REPOSITORY.parent / "shared" / "eval" / "polnear.dev.jsonl"
sys.path.insert(0, str(REPOSITORY / "python" / "tests"))
sys.path.insert(0, str(REPOSITORY / "python" / "examples"))

import quotemap  # noqa: E402


def texts():
    if EVAL.exists():
        with EVAL.open(encoding="utf-8") as lines:
            return "PolNeAR DEV", [json.loads(line)["text"] for line in lines if line.strip()]
    from conftest import fixture_texts

    return "fixture texts", [text for _, text in fixture_texts()]


def best_of(runs, work):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    source, corpus = texts()
    # About 10 MB: enough for steady figures, and the same texts for every contender.
    repeats = max(1, round(10e6 / sum(len(t.encode()) for t in corpus)))
    batch = corpus * repeats
    megabytes = sum(len(t.encode()) for t in batch) / 1e6
    print(f"texts: {source}, {len(corpus)} articles x {repeats} = {len(batch)} articles, {megabytes:.1f} MB")
    print(f"cores: {os.cpu_count()}")

    batch_seconds = best_of(3, lambda: quotemap.extract_batch(batch))
    single_seconds = best_of(1, lambda: [quotemap.extract(text) for text in batch])

    with tempfile.TemporaryDirectory() as folder:
        source_file = pathlib.Path(folder) / "articles.jsonl"
        with source_file.open("w", encoding="utf-8") as out:
            for number, text in enumerate(batch):
                out.write(json.dumps({"id": number, "text": text}) + "\n")

        def run_cli():
            with source_file.open("rb") as stdin:
                subprocess.run([str(CLI), "extract"], stdin=stdin, stdout=subprocess.DEVNULL, check=True)

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_seconds = best_of(3, run_cli)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 3

        spark_articles = corpus * max(1, round(3000 / len(corpus)))
        spark_file = pathlib.Path(folder) / "spark.jsonl"
        with spark_file.open("w", encoding="utf-8") as out:
            for number, text in enumerate(spark_articles):
                out.write(json.dumps({"id": number, "text": text}) + "\n")
        environment = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        example = REPOSITORY / "python" / "examples" / "spark_quotes.py"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(example), "--master", "local[2]", str(spark_file), str(pathlib.Path(folder) / "q")],
            env=environment, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        spark_seconds = time.perf_counter() - started
        import pyarrow.parquet as pq

        spark_quotes = pq.read_table(pathlib.Path(folder) / "q").num_rows
        spark_bytes = sum(p.stat().st_size for p in (pathlib.Path(folder) / "q").glob("*.parquet"))

    print()
    print("| what | wall | articles/s | MB/s |")
    print("|---|---|---|---|")
    for name, seconds in [
        ("`quotemap.extract_batch` (every core, GIL released)", batch_seconds),
        ("`quotemap.extract`, one text at a time (one core)", single_seconds),
        (f"`quotemap extract` CLI, JSONL in and out (CPU {cli_cpu:.2f} s)", cli_seconds),
    ]:
        print(f"| {name} | {seconds:.2f} s | {len(batch) / seconds:,.0f} | {megabytes / seconds:.1f} |")
    print(
        f"| Spark example, local[2], {len(spark_articles)} articles JSONL → Parquet (JVM start included) "
        f"| {spark_seconds:.1f} s | {len(spark_articles) / spark_seconds:,.0f} | — |"
    )
    print()
    print(f"Spark wrote {spark_quotes} quotations in {spark_bytes / 1e6:.2f} MB of Parquet "
          f"({spark_bytes / max(spark_quotes, 1) * 1e6 / 1e9:.2f} GB per million quotations)")


if __name__ == "__main__":
    main()
