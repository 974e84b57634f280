"""Quotations of a collection of articles with Spark: articles in, quotes out as Parquet.

    python spark_quotes.py articles.jsonl quotes.parquet           # JSON Lines {"id", "text"}
    python spark_quotes.py articles.parquet quotes.parquet         # Parquet with id and text columns
    python spark_quotes.py --master spark://host:7077 in.parquet out.parquet

Each Spark task hands its Arrow record batches to `quotemap.extract_batch`,
which runs the engine on every core of the executor with the GIL released, and
returns one row per quotation (`mapInArrow`: no pandas conversion on the way).
The rows carry the fields of `quotemap extract`, with `speaker_span` and
`cue_span` as start/end columns and the article's id as a string; offsets are
Unicode code points of the article's text. An article without text (null) has
no quotations. Executors need the `quotemap` wheel and pyarrow installed.
"""

import argparse
import os
import sys

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

import quotemap

# One row per quotation; nullable where `extract` gives None.
QUOTE_COLUMNS = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("start", pa.int64(), nullable=False),
    pa.field("end", pa.int64(), nullable=False),
    pa.field("text", pa.string(), nullable=False),
    pa.field("kind", pa.string(), nullable=False),
    pa.field("speaker", pa.string()),
    pa.field("speaker_start", pa.int64()),
    pa.field("speaker_end", pa.int64()),
    pa.field("cue", pa.string()),
    pa.field("cue_start", pa.int64()),
    pa.field("cue_end", pa.int64()),
    pa.field("confidence", pa.float64(), nullable=False),
    pa.field("group", pa.int64(), nullable=False),
    pa.field("nested", pa.bool_(), nullable=False),
    pa.field("rule", pa.string(), nullable=False),
]
QUOTE_SCHEMA = pa.schema(QUOTE_COLUMNS)
# The same schema for Spark, as DDL (pyarrow types map one to one).
QUOTE_DDL = (
    "article_id string, start long, `end` long, text string, kind string, speaker string, "
    "speaker_start long, speaker_end long, cue string, cue_start long, cue_end long, "
    "confidence double, `group` long, nested boolean, rule string"
)


def quote_rows(article_ids, texts, nested=False):
    """The quotation rows of a batch of articles (ids and texts, None texts allowed), as columns."""
    present = [index for index, text in enumerate(texts) if text is not None]
    found = quotemap.extract_batch([texts[index] for index in present], nested=nested)
    columns = {field.name: [] for field in QUOTE_COLUMNS}
    for index, quotes in zip(present, found):
        for quote in quotes:
            columns["article_id"].append(article_ids[index])
            for name in ("start", "end", "text", "kind", "speaker", "cue", "confidence", "group", "nested", "rule"):
                columns[name].append(quote[name])
            for span in ("speaker", "cue"):
                start, end = quote[f"{span}_span"] or (None, None)
                columns[f"{span}_start"].append(start)
                columns[f"{span}_end"].append(end)
    return pa.RecordBatch.from_pydict(columns, schema=QUOTE_SCHEMA)


def extract_quotes(articles: DataFrame, id_column="id", text_column="text", nested=False) -> DataFrame:
    """A DataFrame of quotations, one row per quotation, from a DataFrame of articles."""
    if __name__ != "__main__":
        # Imported (not run as a script): executors cannot import this file, so its
        # functions travel by value, as a script's do.
        from pyspark import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])
    selected = articles.select(
        F.col(id_column).cast("string").alias("id"), F.col(text_column).cast("string").alias("text")
    )

    def each_partition(batches):
        for batch in batches:
            yield quote_rows(batch.column("id").to_pylist(), batch.column("text").to_pylist(), nested)

    return selected.mapInArrow(each_partition, QUOTE_DDL)


def read_articles(spark: SparkSession, path: str) -> DataFrame:
    """JSON Lines or Parquet (a file or a folder of them), by the name's ending."""
    if path.rstrip("/").endswith(".parquet"):
        return spark.read.parquet(path)
    return spark.read.json(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="JSON Lines or Parquet (*.parquet) of articles")
    parser.add_argument("quotes", help="where the quotations go (a Parquet folder)")
    parser.add_argument("--master", default="local[*]", help="Spark master (default: local[*])")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--nested", action="store_true", help="also quotations inside quotations")
    arguments = parser.parse_args(argv)
    # Local workers run this interpreter (the one with quotemap installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master(arguments.master).appName("quotemap quotes").getOrCreate()
    try:
        articles = read_articles(spark, arguments.articles)
        quotes = extract_quotes(articles, arguments.id_column, arguments.text_column, arguments.nested)
        quotes.write.mode("overwrite").parquet(arguments.quotes)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
