// Progress of long steps on a terminal: one line on stderr, rewritten in place. Silent when
// stderr is not a TTY (CI logs, pipes), so it never mixes with JSON logs or results.
export interface Progress {
  /** A step starts. */
  start(label: string): void;
  /** What the current step has done so far ("12,000 rows"). */
  update(detail: string): void;
  /** The current step ends; the line is cleared. */
  done(): void;
}

export const noProgress: Progress = { start() {}, update() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return noProgress;
  let label = '';
  let started = 0;
  let last = 0;
  let detail = '';
  // A long SQL step reports nothing while DuckDB works: the clock keeps the line alive.
  let timer: NodeJS.Timeout | undefined;
  const draw = (d: string) => {
    detail = d;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const line = `… ${label}${d ? `: ${d}` : ''} (${secs} s)`;
    stream.write(`\r\u001b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
  };
  return {
    start(l) {
      label = l;
      started = Date.now();
      draw('');
      clearInterval(timer);
      timer = setInterval(() => draw(detail), 1000);
      timer.unref();
    },
    update(detail) {
      // At most ten redraws a second: a fast loop must not spend its time on the terminal.
      if (Date.now() - last < 100) return;
      last = Date.now();
      draw(detail);
    },
    done() {
      clearInterval(timer);
      stream.write('\r\u001b[2K');
    },
  };
}
