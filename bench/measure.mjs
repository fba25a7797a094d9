#!/usr/bin/env node
// Wall time, CPU time (user + system) and peak RSS of one child process. CPU time is the figure
// to trust on a busy machine: other work stretches wall time but hardly the CPU a run needs.
// With GNU time (/usr/bin/time) the kernel's own rusage of the child is used. Without it (some CI
// images), Node cannot get a child's rusage, so we poll /proc/<pid>/status VmHWM (the kernel's RSS
// high-water mark) and /proc/<pid>/stat every 20 ms: only the last <20 ms of a run can be missed.
// Where neither exists (macOS without GNU time) memory and CPU are reported as pending.
// CLI: node bench/measure.mjs <cmd> [args...]  -> JSON {wall_s, cpu_s, rss_mib, code} on stderr
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
export const method = () =>
  existsSync(GNU_TIME) && !process.env.BENCH_NO_GNU_TIME ? 'GNU time %M' : existsSync('/proc/self/status') ? 'VmHWM polling' : 'none';

/** [peak RSS KiB, user + system CPU s] of a live process, or null once it has exited. */
function procSample(pid) {
  try {
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return [hwm, (Number(stat[11]) + Number(stat[12])) / 100]; // utime, stime in USER_HZ = 100 ticks
  } catch {
    return null;
  }
}

/** Runs cmd to completion; resolves {code, wall_s, cpu_s, rss_mib (null if unmeasurable), stdout, stderr}. */
export function measure(cmd, args, { cwd } = {}) {
  const how = method();
  const dir = how === 'GNU time %M' ? mkdtempSync(join(tmpdir(), 'assay-bench-')) : null;
  const timeOut = dir && join(dir, 'time.txt');
  const [file, argv] = dir ? [GNU_TIME, ['-o', timeOut, '-f', '%M %U %S', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [],
      err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let hwm = 0,
      cpu = null;
    const poll =
      how === 'VmHWM polling'
        ? setInterval(() => {
            const s = procSample(child.pid);
            if (s) [hwm, cpu] = [Math.max(hwm, s[0]), s[1]];
          }, 20)
        : null;
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      let kib = hwm || null;
      if (dir) {
        // GNU time prefixes "Command exited with non-zero status N" lines; ours is the last line
        const [m, u, s] = readFileSync(timeOut, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
        [kib, cpu] = [m || null, u + s];
        rmSync(dir, { recursive: true, force: true });
      }
      resolve({
        code: code ?? -1,
        signal,
        wall_s,
        cpu_s: cpu,
        rss_mib: kib && kib / 1024,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  const r = await measure(cmd, args);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  console.error(JSON.stringify({ wall_s: r.wall_s, cpu_s: r.cpu_s, rss_mib: r.rss_mib, code: r.code, method: method() }));
  process.exitCode = r.code;
}
