// Start-up: `assay validate` of the bundled 200-row example against a plain Node + DuckDB script
// running one equivalent fused query (./startup-floor.mjs), and `assay --help`. Whole processes,
// alternating a, b, help, a, b, help, ... for --repeat rounds (default 10); medians. Run after
// `npm run build`. Results also go to bench/out/startup.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const repeat = Number(arg('--repeat', '10'));
const cli = path.resolve(root, arg('--cli', JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin.assay));
const csv = 'examples/orders/orders.csv';
const runs = {
  assay: [cli, 'validate', csv, '--suite', 'examples/orders/orders.suite.yml', '--quiet'],
  floor: [path.join(root, 'bench/startup-floor.mjs'), csv],
  help: [cli, '--help'],
};
const expected = { assay: 0, floor: 0, help: 0 }; // the example's failures are warnings: the gate stays open

// CPU time (user + system) too, from GNU time when there is one: on a shared machine other work
// stretches wall time, hardly the CPU a process needs.
const gnuTime = existsSync('/usr/bin/time');
const times = { assay: [], floor: [], help: [] };
const cpu = { assay: [], floor: [], help: [] };
for (let round = 0; round < repeat; round++) {
  for (const [name, args] of Object.entries(runs)) {
    const start = process.hrtime.bigint();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', 'ASSAY_CPU %U %S', process.execPath, ...args], { cwd: root, encoding: 'utf8' })
      : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== expected[name]) {
      process.stderr.write(`${name} exited ${r.status}:\n${r.stderr}\n`);
      process.exit(1);
    }
    times[name].push(ms);
    const used = r.stderr.match(/ASSAY_CPU ([\d.]+) ([\d.]+)/);
    if (used) cpu[name].push((Number(used[1]) + Number(used[2])) * 1000);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const c = gnuTime ? Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)])) : undefined;
const ratio = m.assay / m.floor;
const cpuRatio = c && c.assay / c.floor;
const line = (name, what) => `${what.padEnd(44)} ${(m[name] / 1000).toFixed(3)} s${c ? `   CPU ${(c[name] / 1000).toFixed(2)} s` : ''}`;
process.stdout.write(
  [
    `start-up, median of ${repeat} (alternating), Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`,
    line('assay', `assay validate ${csv}`),
    line('floor', 'plain Node + DuckDB, one fused query'),
    line('help', 'assay --help'),
    `ratio assay/floor: ${ratio.toFixed(2)}x (target 1.2x)${c ? `, CPU ${cpuRatio.toFixed(2)}x` : ''}; --help ${m.help < 200 ? 'under' : 'OVER'} 0.2 s`,
    '',
  ].join('\n'),
);
mkdirSync(path.join(root, 'bench/out'), { recursive: true });
writeFileSync(
  path.join(root, 'bench/out/startup.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadavg: os.loadavg(), repeat, medians_ms: m, ratio, cpu_medians_ms: c, cpu_ratio: cpuRatio, times_ms: times, cpu_ms: cpu }, null, 2)}\n`,
);
