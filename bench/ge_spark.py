"""Great Expectations 1.x on the Spark cluster of scripts/start-spark.sh: the 15-expectation suite of
bench/orders.suite.yml over bench/data/orders_<N>.parquet, for bench/README.md's Spark section.

One Python process: start a Spark application on the standalone master, read the Parquet file into
a DataFrame, then validate the suite --repeat times, timing each. Start-up (session + read) and
validation are reported apart; the median of the validation rounds is comparable with the time of
`assay validate spark`, which talks to an already-running Thrift server.
The application needs the cluster's cores: while the Thrift server holds them (it takes one
executor per worker), this one waits. Stop the Thrift server first (bench/README.md, Spark).

Usage: bench/.venv/bin/python bench/ge_spark.py --rows 1000000 [--repeat 3] [--master spark://127.0.0.1:7077]
(bench/.venv: python3 -m venv bench/.venv && bench/.venv/bin/pip install great_expectations pyspark==4.0.1 pyyaml)
"""

import argparse
import datetime
import json
import os
import statistics
import time

import great_expectations as gx
import yaml
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
from pyspark.sql import SparkSession

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=1000000)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--master", default="spark://127.0.0.1:7077")
parser.add_argument("--workers", type=int, default=2)
# GE persists (caches) the DataFrame by default: later rounds then read executor memory, not Parquet.
parser.add_argument("--no-persist", action="store_true")
args = parser.parse_args()

t0 = time.perf_counter()
spark = (
    SparkSession.builder.master(args.master)
    .appName("assay-bench-great-expectations")
    # The same executor shape as the Thrift server's: one 1-core, 1 GiB executor per worker.
    .config("spark.executor.memory", "1g")
    .config("spark.executor.cores", "1")
    .config("spark.cores.max", str(args.workers))
    .config("spark.driver.memory", "1g")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.locality.wait", "0s")
    .config("spark.ui.enabled", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
df = spark.read.parquet(os.path.join(ROOT, "bench", "data", f"orders_{args.rows}.parquet"))
startup_s = time.perf_counter() - t0

with open(os.path.join(ROOT, "bench", "orders.suite.yml")) as f:
    spec = yaml.safe_load(f)
context = gx.get_context(mode="ephemeral")
batch = (
    context.data_sources.add_spark(name="spark", persist=not args.no_persist)
    .add_dataframe_asset(name="orders")
    .add_batch_definition_whole_dataframe("whole")
    .get_batch(batch_parameters={"dataframe": df})
)
suite = context.suites.add(gx.ExpectationSuite(name="orders"))
for e in spec["expectations"]:
    kwargs = dict(e["kwargs"])
    if kwargs.get("column") == "created_at":
        # The column is a Spark TIMESTAMP: compare with datetimes, as a GE user would write it.
        for k in ("min_value", "max_value"):
            kwargs[k] = datetime.datetime.fromisoformat(kwargs[k])
    suite.add_expectation_configuration(ExpectationConfiguration(type=e["type"], kwargs=kwargs))

rounds = []
for r in range(args.repeat):
    t = time.perf_counter()
    result = batch.validate(suite)
    rounds.append(time.perf_counter() - t)
    failed = sorted(
        (x.expectation_config.kwargs.get("column") or x.expectation_config.type)
        for x in result.results
        if not x.success
    )
    print(f"  GE round {r + 1}: {rounds[-1]:.2f} s, failed {failed}", flush=True)
spark.stop()
out = {
    "rows": args.rows,
    "workers": args.workers,
    "persist": not args.no_persist,
    "ge": gx.__version__,
    "startup_s": startup_s,
    "validate_s": rounds,
    "median_s": statistics.median(rounds),
    "failed": failed,
    "loadavg": os.getloadavg(),
}
os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
with open(os.path.join(ROOT, "bench", "out", f"ge-spark-{args.rows}-{args.workers}w{'-nopersist' if args.no_persist else ''}.json"), "w") as f:
    json.dump(out, f, indent=2)
print(json.dumps(out))
