import { describe, expect, it } from 'vitest';
import { noProgress, terminalProgress } from '../../src/pipeline/progress.js';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { stream: { isTTY, columns: 60, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, out };
}

describe('progress', () => {
  it('draws one line in place on a terminal, and clears it when the step ends', () => {
    const { stream, out } = fakeStream(true);
    const p = terminalProgress(stream);
    p.start('load orders (upsert)');
    p.update('5,000 rows');
    p.done();
    expect(out[0]).toMatch(/^\r\u001b\[2K… load orders \(upsert\) \(0\.0 s\)$/);
    expect(out[1]).toMatch(/^\r\u001b\[2K… load orders \(upsert\): 5,000 rows \(\d+\.\d s\)$/);
    expect(out.at(-1)).toBe('\r\u001b[2K');
  });

  it('stays silent when stderr is not a terminal', () => {
    const { stream, out } = fakeStream(false);
    expect(terminalProgress(stream)).toBe(noProgress);
    expect(out).toEqual([]);
  });
});
