"""`quotemap export --format parquet` read by pyarrow and pandas (readers we did not
write): the tables hold what the JSON export of the same library holds."""

import json
import subprocess

import pyarrow.parquet as pq

from conftest import FIXTURES


def test_pyarrow_reads_the_tables_the_json_export_describes(tmp_path, cli_path):
    library = tmp_path / "library.sqlite3"

    def quotemap(*arguments):
        return subprocess.run(
            [str(cli_path), "--library", str(library), *arguments], capture_output=True, text=True, check=False
        )

    quotemap("import", str(FIXTURES / "ingest"))  # some fixtures are refused on purpose
    exported = quotemap("export", "--format", "parquet", str(tmp_path / "findings"))
    assert exported.returncode == 0, exported.stderr
    findings = json.loads(quotemap("export", "--format", "json", "-").stdout)

    table = pq.read_table(tmp_path / "findings" / "quotes.parquet")
    expected = [(a["id"], q["id"], q["text"], q["speaker"]) for a in findings["articles"] for q in a["quotes"]]
    assert len(expected) > 20
    assert [(q["article_id"], q["quote_id"], q["text"], q["speaker"]) for q in table.to_pylist()] == expected
    frame = table.to_pandas()
    assert frame.groupby("speaker").size().sum() == sum(1 for e in expected if e[3] is not None)

    articles = pq.read_table(tmp_path / "findings" / "articles.parquet").to_pylist()
    assert [a["article_id"] for a in articles] == [a["id"] for a in findings["articles"]]
    assert [a["title"] for a in articles] == [a["title"] for a in findings["articles"]]

    entities = pq.read_table(tmp_path / "findings" / "entities.parquet").to_pylist()
    assert [(e["entity_id"], e["name"], e["kind"]) for e in entities] == [
        (e["id"], e["name"], e["kind"]) for e in findings["entities"]
    ]
    relations = pq.read_table(tmp_path / "findings" / "relations.parquet").to_pylist()
    assert [(r["kind"], r["from_id"], r["to_id"], r["weight"]) for r in relations] == [
        (r["kind"], r["from"], r["to"], r["weight"]) for r in findings["relations"]
    ]
    evidence = pq.read_table(tmp_path / "findings" / "evidence.parquet").to_pylist()
    assert [(e["relation_id"], e["sentence"]) for e in evidence] == [
        (number, e["sentence"]) for number, r in enumerate(findings["relations"], 1) for e in r["evidence"]
    ]
