"""Who said what over a corpus of news articles, with Spark.

Reads articles (JSONL or Parquet with the columns ``id``, ``text`` and, optionally, ``html`` for a
saved page), runs quotelens on the executors (``mapInPandas``: each task hands its batch of
articles to the Rust engine, GIL released), and writes one row per quotation as Parquet:

    article_id, quote_index, source, start, end, text, kind, speaker, speaker_kind, rule,
    confidence

``start``/``end`` are code-point offsets (Python ``str`` indices) into the article's ``text``;
for an article given only as ``html`` (``source`` = "html"), into the article text that
``quotelens.extract_html`` finds in the page. Articles with no quotation give no row.

Local mode, every core of this machine (the default when no master is given)::

    python examples/spark/quotelens_job.py articles.jsonl quotes.parquet

A cluster: the same file, unchanged, through spark-submit; the executors need the quotelens
package, shipped as a packed virtual environment (see README, "For researchers")::

    spark-submit --master yarn --archives quotelens_env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        examples/spark/quotelens_job.py hdfs:///corpus/articles.parquet hdfs:///corpus/quotes
"""

import argparse
import os
import sys
import time

#: the output schema (Spark DDL), one row per quotation
QUOTE_SCHEMA = (
    "article_id string, quote_index int, source string, start long, end long, text string, "
    "kind string, speaker string, speaker_kind string, rule string, confidence double"
)
QUOTE_COLUMNS = [c.strip().split(" ")[0] for c in QUOTE_SCHEMA.split(",")]


def quotes_of_batches(batches, indirect=True, min_confidence=0.0, lang=None, jobs=1):
    """mapInPandas body: article batches (id, text[, html]) -> quote rows (QUOTE_SCHEMA)."""
    import pandas as pd
    import quotelens

    opts = dict(indirect=indirect, min_confidence=min_confidence, lang=lang)
    for df in batches:
        ids = df["id"].astype("string").tolist()
        texts = df["text"].tolist() if "text" in df else [None] * len(df)
        htmls = df["html"].tolist() if "html" in df else [None] * len(df)
        # text wins when both are given; an article with neither gives no row
        use_text = [isinstance(t, str) and t != "" for t in texts]
        plain = quotelens.extract_many([t for t, u in zip(texts, use_text) if u], jobs, **opts)
        plain_iter = iter(plain)
        rows = []
        for aid, u, html in zip(ids, use_text, htmls):
            if u:
                quotes, source = next(plain_iter), "text"
            elif isinstance(html, str) and html:
                quotes, source = quotelens.extract_html(html, **opts)["quotes"], "html"
            else:
                continue
            for i, q in enumerate(quotes):
                rows.append(
                    (aid, i, source, q["start"], q["end"], q["text"], q["kind"], q["speaker"],
                     q["speaker_kind"], q["rule"], q["confidence"])
                )
        out = pd.DataFrame.from_records(rows, columns=QUOTE_COLUMNS)
        yield out.astype({"quote_index": "int32", "start": "int64", "end": "int64", "confidence": "float64"})


def read_articles(spark, path, fmt):
    if fmt == "auto":
        fmt = "parquet" if path.rstrip("/").endswith(".parquet") else "json"
    if fmt in ("jsonl", "json"):
        return spark.read.json(path)
    return spark.read.parquet(path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="articles: JSONL or Parquet (columns id, text, optional html)")
    ap.add_argument("output", help="quotes: a Parquet directory, one row per quotation")
    ap.add_argument("--format", choices=["auto", "jsonl", "parquet"], default="auto",
                    help="input format (auto: Parquet when the path ends in .parquet)")
    ap.add_argument("--no-indirect", action="store_true", help="leave out indirect (reported) speech")
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--lang", default=None, help="en or de (default: detected per article)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="split the input into at least this many tasks (default: the cores Spark has)")
    args = ap.parse_args(argv)

    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("quotelens")
    # spark-submit --master ... sets spark.master; run with plain python it is local, every core,
    # and the Python workers are this interpreter (the one quotelens is installed in)
    if not SparkConf().contains("spark.master"):
        builder = builder.master("local[*]")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()

    t0 = time.perf_counter()
    articles = read_articles(spark, args.input, args.format)
    missing = {"id"} - set(articles.columns)
    if missing or not ({"text", "html"} & set(articles.columns)):
        sys.exit(f"quotelens_job: {args.input} needs the columns id and text (or html); has {articles.columns}")
    keep = [c for c in ("id", "text", "html") if c in articles.columns]
    articles = articles.select(*[articles[c].cast("string") for c in keep])
    want = args.partitions or spark.sparkContext.defaultParallelism
    if articles.rdd.getNumPartitions() < want:
        articles = articles.repartition(want)
    opts = dict(indirect=not args.no_indirect, min_confidence=args.min_confidence, lang=args.lang)
    quotes = articles.mapInPandas(lambda it: quotes_of_batches(it, **opts), schema=QUOTE_SCHEMA)
    quotes.write.mode("overwrite").parquet(args.output)
    secs = time.perf_counter() - t0

    n_articles = articles.count()
    n_quotes = spark.read.parquet(args.output).count()
    print(
        f"quotelens_job: {n_articles} articles, {n_quotes} quotes in {secs:.1f} s "
        f"({n_articles / secs:.0f} articles/s, read + extract + write) -> {args.output}"
    )
    spark.stop()


if __name__ == "__main__":
    main()
