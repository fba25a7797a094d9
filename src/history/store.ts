// The metric store: one DuckDB file beside the runs (`<runs>/history.duckdb`) holding, per run
// and data asset, the metrics of every expectation and a profile of every column, and the
// table's columns. History-aware expectations read it through a HistoryView; `assay history`
// prints from it. A run's rows are written in one transaction, so a reader sees all of a run or
// none of it, and a run killed mid-write leaves the file as it was (DuckDB's write-ahead log).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { duckdbDialect } from '../dialects/duckdb.js';
import type { Column, Row } from '../engine/types.js';
import { withDuckDBFile } from '../connections/duckdb-file.js';

export const STORE_FILE = 'history.duckdb';

/** The store of a runs folder. */
export const storeFile = (runsDir: string) => path.join(runsDir, STORE_FILE);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id VARCHAR NOT NULL, asset VARCHAR NOT NULL, suite VARCHAR, run_time TIMESTAMP NOT NULL, success BOOLEAN NOT NULL,
  data_source VARCHAR, recorded_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS metrics (
  run_id VARCHAR NOT NULL, asset VARCHAR NOT NULL, run_time TIMESTAMP NOT NULL, expectation VARCHAR, expectation_index INTEGER,
  column_name VARCHAR, metric VARCHAR NOT NULL, value DOUBLE, text_value VARCHAR, flagged BOOLEAN NOT NULL);
CREATE TABLE IF NOT EXISTS columns (
  run_id VARCHAR NOT NULL, asset VARCHAR NOT NULL, position INTEGER NOT NULL, column_name VARCHAR NOT NULL, column_type VARCHAR NOT NULL);`;

/** One metric of one run: a column profile metric (expectation null) or an expectation's. */
export interface MetricRow {
  /** The expectation type, or null for the column profile. */
  expectation: string | null;
  expectationIndex: number | null;
  /** The column, or null for a table metric. */
  column: string | null;
  metric: string;
  value: number | null;
  /** The value as text when it is not a number (a date/time's ISO text, a list as JSON). */
  text: string | null;
  /** A history-aware check found this value anomalous: later baselines leave it out. */
  flagged: boolean;
}

export interface RunRecord {
  runId: string;
  asset: string;
  suite: string;
  /** The run's clock (`--now`), which orders the history; not the wall time it was written. */
  runTime: Date;
  success: boolean;
  dataSource: string;
  metrics: MetricRow[];
  columns: Column[];
}

export interface HistoryPoint {
  run_id: string;
  /** ISO UTC. */
  time: string;
  value: number | null;
  text: string | null;
  flagged: boolean;
}

const lit = (v: unknown) => duckdbDialect.literal(v);
const ts = (d: Date) => `TIMESTAMP ${lit(d.toISOString().replace('T', ' ').replace('Z', ''))}`;
const iso = (v: unknown) => `${String(v).replace(' ', 'T')}${String(v).endsWith('Z') ? '' : 'Z'}`;

/** Writes one run's metrics in one transaction; a run recorded again replaces its rows. */
export async function recordRun(file: string, r: RunRecord): Promise<void> {
  await withDuckDBFile(file, async (c) => {
    await c.exec(SCHEMA);
    await c.exec('BEGIN TRANSACTION');
    try {
      for (const table of ['runs', 'metrics', 'columns']) {
        await c.exec(`DELETE FROM ${table} WHERE run_id = ${lit(r.runId)} AND asset = ${lit(r.asset)}`);
      }
      await c.exec(
        `INSERT INTO runs VALUES (${lit(r.runId)}, ${lit(r.asset)}, ${lit(r.suite)}, ${ts(r.runTime)}, ${lit(r.success)}, ${lit(r.dataSource)}, ${ts(new Date())})`,
      );
      const head = `${lit(r.runId)}, ${lit(r.asset)}, ${ts(r.runTime)}`;
      const metrics = r.metrics.map(
        (m) =>
          `(${head}, ${lit(m.expectation)}, ${lit(m.expectationIndex)}, ${lit(m.column)}, ${lit(m.metric)}, ${m.value === null || !Number.isFinite(m.value) ? 'NULL' : lit(m.value)}, ${lit(m.text)}, ${lit(m.flagged)})`,
      );
      // Batches keep each statement small; the transaction still makes them one write.
      for (let i = 0; i < metrics.length; i += 500) await c.exec(`INSERT INTO metrics VALUES ${metrics.slice(i, i + 500).join(', ')}`);
      if (r.columns.length) {
        const cols = r.columns.map((col, i) => `(${lit(r.runId)}, ${lit(r.asset)}, ${i}, ${lit(col.name)}, ${lit(col.type)})`);
        await c.exec(`INSERT INTO columns VALUES ${cols.join(', ')}`);
      }
      await c.exec('COMMIT');
    } catch (err) {
      await c.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
}

/** Runs a read query on the store; an absent store reads as empty. */
async function read(file: string, sql: string): Promise<Row[]> {
  if (!existsSync(file)) return [];
  return withDuckDBFile(
    file,
    async (c) => {
      const tables = await c.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'metrics'`);
      return Number(tables[0]?.n) ? c.query(sql) : [];
    },
    { readOnly: true },
  );
}

export interface SeriesQuery {
  asset: string;
  metric: string;
  /** null: a table metric; undefined: any column. */
  column?: string | null;
  /** The profile's metric (null, the default) or an expectation type's. */
  expectation?: string | null;
  /** Only runs before this instant (the current run's clock). */
  before?: Date;
  /** Leave this run out (the current one, recorded again). */
  excludeRun?: string;
  /** The most recent N points. */
  limit?: number;
}

/** A metric's values over runs, oldest first. */
export async function readSeries(
  file: string,
  q: SeriesQuery,
): Promise<(HistoryPoint & { column: string | null; expectation: string | null })[]> {
  const where = [`asset = ${lit(q.asset)}`, `metric = ${lit(q.metric)}`];
  if (q.column !== undefined) where.push(q.column === null ? 'column_name IS NULL' : `column_name = ${lit(q.column)}`);
  if (q.expectation !== undefined) where.push(q.expectation === null ? 'expectation IS NULL' : `expectation = ${lit(q.expectation)}`);
  if (q.before) where.push(`run_time < ${ts(q.before)}`);
  if (q.excludeRun) where.push(`run_id <> ${lit(q.excludeRun)}`);
  const rows = await read(
    file,
    `SELECT * FROM (SELECT run_id, strftime(run_time, '%Y-%m-%dT%H:%M:%S') AS time, value, text_value, flagged, column_name, expectation, run_time
       FROM metrics WHERE ${where.join(' AND ')} ORDER BY run_time DESC, run_id DESC ${q.limit ? `LIMIT ${Math.trunc(q.limit)}` : ''})
     ORDER BY run_time, run_id`,
  );
  return rows.map((r) => ({
    run_id: String(r.run_id),
    time: iso(r.time),
    value: r.value === null ? null : Number(r.value),
    text: r.text_value === null ? null : String(r.text_value),
    flagged: Boolean(r.flagged),
    column: r.column_name === null ? null : String(r.column_name),
    expectation: r.expectation === null ? null : String(r.expectation),
  }));
}

export interface SchemaSnapshot {
  run_id: string;
  time: string;
  columns: Column[];
}

/** The columns of the asset's last successful run before `before`. */
export async function readLastSchema(file: string, asset: string, before?: Date, excludeRun?: string): Promise<SchemaSnapshot | null> {
  const where = [`asset = ${lit(asset)}`, 'success'];
  if (before) where.push(`run_time < ${ts(before)}`);
  if (excludeRun) where.push(`run_id <> ${lit(excludeRun)}`);
  const rows = await read(
    file,
    `WITH last AS (SELECT run_id, run_time FROM runs WHERE ${where.join(' AND ')} ORDER BY run_time DESC, run_id DESC LIMIT 1)
     SELECT last.run_id, strftime(last.run_time, '%Y-%m-%dT%H:%M:%S') AS time, c.column_name, c.column_type
       FROM last JOIN columns c ON c.run_id = last.run_id AND c.asset = ${lit(asset)} ORDER BY c.position`,
  );
  if (rows.length === 0) return null;
  return {
    run_id: String(rows[0]!.run_id),
    time: iso(rows[0]!.time),
    columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
  };
}

export interface AssetSummary {
  asset: string;
  runs: number;
  first: string;
  last: string;
}

/** The assets in the store, with how many runs each has. */
export async function listAssets(file: string): Promise<AssetSummary[]> {
  const rows = await read(
    file,
    `SELECT asset, count(*) AS runs, strftime(min(run_time), '%Y-%m-%dT%H:%M:%S') AS first, strftime(max(run_time), '%Y-%m-%dT%H:%M:%S') AS last
       FROM runs GROUP BY asset ORDER BY asset`,
  );
  return rows.map((r) => ({ asset: String(r.asset), runs: Number(r.runs), first: iso(r.first), last: iso(r.last) }));
}

/** The metrics recorded for an asset: (expectation, column, metric) with how many points each has. */
export async function listMetrics(
  file: string,
  asset: string,
): Promise<{ expectation: string | null; column: string | null; metric: string; points: number }[]> {
  const rows = await read(
    file,
    `SELECT expectation, column_name, metric, count(*) AS points FROM metrics WHERE asset = ${lit(asset)}
      GROUP BY ALL ORDER BY expectation NULLS FIRST, column_name NULLS FIRST, metric`,
  );
  return rows.map((r) => ({
    expectation: r.expectation === null ? null : String(r.expectation),
    column: r.column_name === null ? null : String(r.column_name),
    metric: String(r.metric),
    points: Number(r.points),
  }));
}

/**
 * What an expectation's judge may read of the store: the history of the asset under test,
 * before the run's own clock, without the run itself. Built by whoever runs the validation.
 */
export interface HistoryView {
  asset: string;
  /** A profile metric's (or, with `expectation`, an expectation's) recent values, oldest first. */
  series(metric: string, column: string | null, opts?: { limit?: number; expectation?: string }): Promise<HistoryPoint[]>;
  /** The columns of the last successful run. */
  lastSchema(): Promise<SchemaSnapshot | null>;
}

export function historyView(file: string, asset: string, now: Date, runId?: string): HistoryView {
  return {
    asset,
    series: async (metric, column, opts = {}) =>
      (
        await readSeries(file, {
          asset,
          metric,
          column,
          expectation: opts.expectation ?? null,
          before: now,
          excludeRun: runId,
          limit: opts.limit,
        })
      ).map(({ run_id, time, value, text, flagged }) => ({ run_id, time, value, text, flagged })),
    lastSchema: () => readLastSchema(file, asset, now, runId),
  };
}
