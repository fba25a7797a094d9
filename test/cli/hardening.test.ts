// What a hostile suite or a careless command line can make Assay print: no workflow command on
// GitHub Actions, and no secret (a password, a webhook token, a role name) in any message.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactText, createLogger } from '../../src/log.js';
import { Env } from '../../src/pipeline/env.js';
import { notify } from '../../src/pipeline/notify.js';
import type { PipelineRunResult } from '../../src/pipeline/types.js';
import { guardCommands, oneLine } from '../../src/report/plain-text.js';
import { assay, workdir } from './run-cli.js';

const CSV = 'id,"a\n::warning::col"\n1,x\n2,\n';

describe('GitHub workflow-command injection', () => {
  it('a suite name, column name or message cannot start a workflow command in any output', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': [
        'name: "x\\n::warning::suite-injected"',
        'expectations:',
        '  - type: expect_column_values_to_not_be_null',
        '    kwargs: {column: "a\\n::warning::col"}',
        '  - type: expect_column_values_to_match_regex',
        '    kwargs: {column: id, regex: "\\n::error::regex-injected"}',
        '',
      ].join('\n'),
      'bad.yml': 'name: t\nexpectations:\n  - type: "x\\n::error::type-injected"\n    kwargs: {}\n',
    });
    const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir };
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml')], { env, cwd: dir });
    expect(r.code).toBe(1);
    const bad = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 'bad.yml')], { env, cwd: dir });
    expect(bad.code).toBe(2);
    for (const out of [r.stdout, r.stderr, bad.stdout, bad.stderr]) {
      for (const line of out.split(/\r?\n/)) {
        // Annotations are ours and start with ::error or ::warning followed by a space and properties.
        if (/^\s*::/.test(line)) expect(line).toMatch(/^::(error|warning|notice) file=/);
        expect(line).not.toMatch(/^\s*::\w+::.*injected/);
      }
    }
    // The names stay readable, escaped on their line.
    expect(r.stdout).toContain('Suite x\\u000a::warning::suite-injected');
    expect(bad.stderr).toMatch(/unknown expectation type x\\u000a::error::type-injected/);
  });

  it('oneLine keeps a value on its line; guardCommands moves a command off column one', () => {
    expect(oneLine('a\r\nb\u2028c\u001b[31m')).toBe('a\\u000d\\u000ab\\u2028c\\u001b[31m');
    expect(guardCommands('ok\n::add-mask::x\n  ::stop-commands::y\n:: fine')).toBe('ok\n: :add-mask::x\n  : :stop-commands::y\n: : fine');
  });
});

describe('secrets never in messages', () => {
  it('--url-env given a URL instead of a variable name does not echo it', () => {
    const dir = workdir({ 's.yml': 'name: t\nexpectations:\n  - {type: expect_table_row_count_to_be_between, kwargs: {min_value: 1}}\n' });
    const suite = path.join(dir, 's.yml');
    const r = assay(['validate', 'postgres', '--table', 't', '--suite', suite, '--url-env', 'postgres://u:hunter2@db:5432/x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--url-env takes the NAME of an environment variable/);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });

  it('redacts URL passwords (also holding @), user info without a password, and PostgreSQL role names', () => {
    expect(redactText('postgres://bob:p@ss:w0rd@db:5432/x failed')).toBe('postgres://bob:***@db:5432/x failed');
    expect(redactText('POST https://s3cr3t-token@hooks.example/T1 failed')).toBe('POST https://***@hooks.example/T1 failed');
    expect(redactText('role "alice" does not exist')).toBe('role "***" does not exist');
    expect(redactText('password authentication failed for user "alice"')).toBe('password authentication failed for user "***"');
    expect(redactText('no user info: https://hooks.example/T1?a=b@c')).toBe('no user info: https://hooks.example/T1?a=b@c');
  });

  it.runIf(process.env.DATABASE_URL)('a PostgreSQL message naming the role does not name it', () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.username = 'no_such_role_4f1c';
    url.password = 'pw-never-shown';
    const dir = workdir({ 's.yml': 'name: t\nexpectations:\n  - {type: expect_table_row_count_to_be_between, kwargs: {min_value: 1}}\n' });
    const r = assay(['validate', 'postgres', '--table', 't', '--suite', path.join(dir, 's.yml')], { env: { DATABASE_URL: url.href } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/role "\*\*\*" does not exist|password authentication failed/);
    expect(r.stdout + r.stderr).not.toMatch(/no_such_role_4f1c|pw-never-shown/);
  });

  it('a webhook URL with user info is sent as a Basic header; an unparsable one is not shown', async () => {
    const seen: IncomingMessage[] = [];
    const server = createServer((req, res) => {
      seen.push(req);
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', destination: { write: (l: string) => lines.push(l) } as never });
    const result = {
      pipeline: 'p',
      id: 'r1',
      status: 'loaded',
      quarantine: [],
      steps: [],
      suites: [],
      files: {},
    } as unknown as PipelineRunResult;
    const dir = workdir({ '.env': `HOOK=http://hook-user:t0ken-secret@127.0.0.1:${port}/h\nBAD=ht!tp://t0ken-secret@@\n` });
    try {
      expect(await notify('HOOK', new Env(dir), result, log)).toBe(true);
      expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('hook-user:t0ken-secret').toString('base64')}`);
      expect(await notify('BAD', new Env(dir), result, log)).toBe(false);
      expect(lines.join('')).toMatch(/does not parse/);
      expect(lines.join('')).not.toContain('t0ken-secret');
    } finally {
      server.close();
    }
  });
});
