#!/usr/bin/env bash
# Stops what scripts/start-spark.sh started: the Thrift server, the workers and the master.
# Idempotent: a part that is not running is skipped.
set -euo pipefail
state="${ASSAY_SPARK_HOME_DIR:-$HOME/.cache/assay}"
venv="$state/spark-venv"
run="$state/spark"
[ -x "$venv/bin/python" ] || exit 0
SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME SPARK_PID_DIR="$run/pids" SPARK_LOG_DIR="$run/logs" SPARK_IDENT_STRING=assay
daemon="$SPARK_HOME/sbin/spark-daemon.sh"
"$daemon" stop org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 1 || true
for pid_file in "$run"/pids/spark-assay-org.apache.spark.deploy.worker.Worker-*.pid; do
  [ -f "$pid_file" ] || continue
  i="${pid_file##*-}"
  "$daemon" stop org.apache.spark.deploy.worker.Worker "${i%.pid}" || true
done
"$daemon" stop org.apache.spark.deploy.master.Master 1 || true
