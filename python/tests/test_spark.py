"""The Spark example in local mode (`local[2]`, a real JVM): a few hundred articles
made from our fixture texts, read as JSON Lines and as Parquet, give exactly the
quotations the `quotemap` command finds in the same texts."""

import json
import os
import pathlib
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import REPOSITORY, fixture_texts

EXAMPLE = REPOSITORY / "python" / "examples" / "spark_quotes.py"
sys.path.insert(0, str(EXAMPLE.parent))
import spark_quotes  # noqa: E402  (the example is the module under test)


def articles():
    """300 articles: each fixture text with a different first paragraph, and one without text."""
    texts = [text for _, text in fixture_texts()]
    made = []
    for number in range(300):
        text = texts[number % len(texts)]
        made.append({"id": f"article-{number}", "text": f"Report {number}, {number % 7} pages.\n\n{text}"})
    made.append({"id": "article-without-text", "text": None})
    return made


def expected_rows(cli, records):
    """The command's quotations of the records, as the example's rows."""
    rows = []
    for line in cli("extract", [r for r in records if r["text"] is not None]):
        for quote in line["quotes"]:
            row = {"article_id": line["id"], **{k: v for k, v in quote.items() if not k.endswith("_span")}}
            for span in ("speaker", "cue"):
                row[f"{span}_start"], row[f"{span}_end"] = quote[f"{span}_span"] or (None, None)
            rows.append(row)
    return sorted(rows, key=lambda r: (r["article_id"], r["start"], r["end"], r["rule"]))


def written_rows(folder):
    rows = pq.read_table(folder).to_pylist()
    return sorted(rows, key=lambda r: (r["article_id"], r["start"], r["end"], r["rule"]))


@pytest.fixture(scope="module")
def records_and_expected(cli):
    records = articles()
    expected = expected_rows(cli, records)
    assert len(expected) > 1000
    return records, expected


def test_the_example_script_reads_json_lines(tmp_path, records_and_expected):
    records, expected = records_and_expected
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    environment = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--master", "local[2]", str(source), str(tmp_path / "quotes.parquet")],
        env=environment, capture_output=True, text=True, check=False, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert written_rows(tmp_path / "quotes.parquet") == expected


def test_extract_quotes_reads_parquet_in_a_session(tmp_path, records_and_expected):
    from pyspark.sql import SparkSession

    records, expected = records_and_expected
    source = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(records), source)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]").appName("quotemap test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate()
    )
    try:
        spark.sparkContext.setLogLevel("ERROR")
        frame = spark_quotes.read_articles(spark, str(source)).repartition(4)
        quotes = spark_quotes.extract_quotes(frame)
        quotes.write.mode("overwrite").parquet(str(tmp_path / "quotes.parquet"))
        assert quotes.schema.simpleString().startswith("struct<article_id:string,start:bigint,end:bigint")
    finally:
        spark.stop()
    assert written_rows(tmp_path / "quotes.parquet") == expected
    assert pq.read_schema(next(pathlib.Path(tmp_path / "quotes.parquet").glob("*.parquet"))).names == [
        field.name for field in spark_quotes.QUOTE_COLUMNS
    ]
