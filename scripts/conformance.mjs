// `npm run conformance [-- --dialect postgres] [vitest options]`: the GE conformance run.
// --dialect NAME sets CONFORMANCE_DIALECT (duckdb, postgres, spark); every other argument goes to vitest.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--dialect') env.CONFORMANCE_DIALECT = args[++i] ?? '';
  else if (a.startsWith('--dialect=')) env.CONFORMANCE_DIALECT = a.slice('--dialect='.length);
  else rest.push(a);
}
if (env.CONFORMANCE_DIALECT === '') {
  console.error('--dialect needs a name: duckdb, postgres or spark');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/conformance.test.ts', ...rest], { stdio: 'inherit', env, cwd: root });
process.exit(r.status ?? 1);
