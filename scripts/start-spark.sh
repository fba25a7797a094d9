#!/usr/bin/env bash
# Starts a local Apache Spark for the tests, the bench and developers: a standalone master and two
# workers on 127.0.0.1 (so a query really runs on several executors) and Spark's Thrift JDBC/ODBC
# server (HiveServer2 protocol, what Databricks SQL endpoints speak) attached to that master.
# Idempotent: a part already answering is left alone. Spark comes from PyPI's pyspark (pinned) in a
# virtualenv outside the repository. Prints the URL to use (SPARK_URL) on its last line.
#
# Environment (all optional):
#   ASSAY_SPARK_HOME_DIR  state: venv, logs, pids, warehouse, metastore (default ~/.cache/assay)
#   SPARK_WORKERS         number of workers, 1 or more (default 2)
#   SPARK_THRIFT_PORT     HiveServer2 port (default 10000); the master listens on 7077
#   SPARK_WORKER_MEMORY   executor memory per worker (default 1g)
set -euo pipefail

pyspark_version="4.0.1"
state="${ASSAY_SPARK_HOME_DIR:-$HOME/.cache/assay}"
venv="$state/spark-venv"
run="$state/spark"
workers="${SPARK_WORKERS:-2}"
thrift_port="${SPARK_THRIFT_PORT:-10000}"
master_port=7077
executor_memory="${SPARK_WORKER_MEMORY:-1g}"
master_url="spark://127.0.0.1:$master_port"

fail() {
  echo "start-spark: $*" >&2
  exit 1
}

command -v java >/dev/null 2>&1 || fail "java not found (Spark 4 needs Java 17 or later)"
command -v python3 >/dev/null 2>&1 || fail "python3 not found (pyspark is installed with pip)"

if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$state"
  python3 -m venv "$venv" || fail "cannot create a virtualenv at $venv (Debian: apt-get install python3-venv)"
fi
installed="$("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)' 2>/dev/null || true)"
if [ "$installed" != "$pyspark_version" ]; then
  echo "start-spark: installing pyspark==$pyspark_version from PyPI into $venv" >&2
  "$venv/bin/pip" install -q "pyspark==$pyspark_version" || fail "pip install pyspark==$pyspark_version failed"
fi
SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
ls "$SPARK_HOME"/jars/spark-hive-thriftserver_*.jar >/dev/null 2>&1 \
  || fail "the pyspark wheel at $SPARK_HOME lacks the hive-thriftserver jar"

mkdir -p "$run/logs" "$run/pids" "$run/work" "$run/warehouse" "$run/tmp"
export SPARK_LOG_DIR="$run/logs" SPARK_PID_DIR="$run/pids" SPARK_LOCAL_DIRS="$run/tmp"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1 SPARK_DAEMON_MEMORY=512m
export SPARK_IDENT_STRING=assay
daemon="$SPARK_HOME/sbin/spark-daemon.sh"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port, what, log glob
  for _ in $(seq 1 120); do
    port_open "$1" && return 0
    sleep 1
  done
  echo "start-spark: $2 did not listen on 127.0.0.1:$1 within 120 s; its log:" >&2
  tail -n 30 $3 >&2 || true
  exit 1
}

if ! port_open "$master_port"; then
  "$daemon" start org.apache.spark.deploy.master.Master 1 \
    --host 127.0.0.1 --port "$master_port" --webui-port 8180 >/dev/null
fi
wait_port "$master_port" "the Spark master" "$run/logs/*Master*.out"

alive_workers() {
  python3 -c 'import json, urllib.request as u
print(sum(w["state"] == "ALIVE" for w in json.load(u.urlopen("http://127.0.0.1:8180/json/"))["workers"]))' 2>/dev/null \
    || echo 0
}

for i in $(seq 1 "$workers"); do
  pid_file="$run/pids/spark-assay-org.apache.spark.deploy.worker.Worker-$i.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then continue; fi
  "$daemon" start org.apache.spark.deploy.worker.Worker "$i" \
    --host 127.0.0.1 --cores 1 --memory "$executor_memory" --webui-port $((8180 + i)) \
    --work-dir "$run/work" "$master_url" >/dev/null
done
for _ in $(seq 1 60); do
  [ "$(alive_workers)" -ge "$workers" ] && break
  sleep 1
done
[ "$(alive_workers)" -ge "$workers" ] || fail "only $(alive_workers) of $workers workers registered with $master_url (logs in $run/logs)"

if ! port_open "$thrift_port"; then
  # The metastore (Derby) and warehouse live in the state directory, not in the caller's cwd.
  (cd "$run" && "$daemon" submit org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 1 \
    --master "$master_url" --name assay-thriftserver \
    --driver-memory 1g --executor-memory "$executor_memory" --executor-cores 1 \
    --total-executor-cores "$workers" \
    --conf spark.ui.enabled=false \
    --conf spark.sql.warehouse.dir="$run/warehouse" \
    --conf spark.driver.extraJavaOptions="-Dderby.system.home=$run" \
    --conf spark.sql.shuffle.partitions=4 \
    --conf spark.locality.wait=0s \
    --conf spark.scheduler.mode=FAIR \
    --hiveconf hive.server2.thrift.bind.host=127.0.0.1 \
    --hiveconf hive.server2.thrift.port="$thrift_port" \
    --hiveconf hive.server2.transport.mode=binary >/dev/null)
fi
wait_port "$thrift_port" "the Spark Thrift server" "$run/logs/*HiveThriftServer2*.out"

echo "spark://127.0.0.1:$thrift_port/default"
