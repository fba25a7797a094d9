// The skip-or-fail decision of test/helpers/services.ts, on a server that is surely absent
// (nothing listens on port 1): a laptop skips, CI fails.
import { afterEach, expect, it, vi } from 'vitest';
import { probePostgres, serviceUrl, type Service } from './services.js';

const ci = process.env.CI;
afterEach(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
  delete process.env.ASSAY_TEST_ABSENT_URL;
});

const absent: Service = {
  title: 'Absent',
  env: 'ASSAY_TEST_ABSENT_URL',
  hint: 'start it',
  probe: (url) => probePostgres(url, 2_000),
};

it('skips with a visible message off CI, whether the variable is unset or the server does not answer', async () => {
  delete process.env.CI;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  expect(await serviceUrl(absent, 'a.test.ts')).toBeUndefined();
  process.env.ASSAY_TEST_ABSENT_URL = 'postgres://u:secret@127.0.0.1:1/x';
  expect(await serviceUrl(absent, 'b.test.ts')).toBeUndefined();
  expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
    expect.stringMatching(/SKIPPED: the Absent tests of a\.test\.ts: ASSAY_TEST_ABSENT_URL is not set/),
    expect.stringMatching(/SKIPPED: the Absent tests of b\.test\.ts: the Absent server at ASSAY_TEST_ABSENT_URL does not answer/),
  ]);
  expect(String(warn.mock.calls[1]![0])).not.toContain('secret');
  warn.mockRestore();
});

it('fails under CI=true', async () => {
  process.env.CI = 'true';
  await expect(serviceUrl(absent, 'c.test.ts')).rejects.toThrow(
    /c\.test\.ts: ASSAY_TEST_ABSENT_URL is not set; under CI=true the Absent tests fail/,
  );
});
