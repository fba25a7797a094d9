// Run last in the build. Bundles the CLI (the `assay` bin) with esbuild, so that a command loads a
// few files instead of hundreds: on a 200-row validation, resolving and reading the modules of
// commander, yaml, DuckDB's API and Assay's own cost more than the validation (bench/README.md,
// "Start-up"; docs/decisions.md). The library (dist/src/index.js) stays as tsc wrote it.
//
// Layout: the entry is dist/src/cli/assay.js and its shared chunks are in dist/src/chunks/, both
// two folders below dist/ like every module they hold, so the paths those modules find beside
// themselves (expectations/, reports/, examples/, package.json) are the same as unbundled. The
// built-in expectation types are entry points too (dist/expectations/bundled/<file>), loaded by
// the catalogue on demand: they share the bundle's engine, one copy of each module.
// Packages with native code, or loaded only by some commands through require, stay outside.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Bundled: what `assay validate` of a small file loads. Every other dependency is imported at run time. */
const BUNDLED = new Set(['commander', 'yaml', '@duckdb/node-api']);
const external = [...Object.keys(pkg.dependencies).filter((d) => !BUNDLED.has(d)), '@duckdb/node-bindings', 'typescript'];

const index = JSON.parse(readFileSync(path.join(dist, 'expectations/index.json'), 'utf8'));
rmSync(path.join(dist, 'src/chunks'), { recursive: true, force: true });
rmSync(path.join(dist, 'expectations/bundled'), { recursive: true, force: true });
await build({
  entryPoints: [
    { in: path.join(dist, 'src/cli/main.js'), out: 'src/cli/assay' },
    ...[...new Set(Object.values(index))].map((f) => ({
      in: path.join(dist, 'expectations', f),
      out: `expectations/bundled/${f.replace(/\.js$/, '')}`,
    })),
  ],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'src/chunks/[name]-[hash]',
  external,
  // DuckDB's API is CommonJS and calls require(): give the ES module bundle one.
  banner: { js: "import { createRequire as __assayRequire } from 'node:module'; const require = __assayRequire(import.meta.url);" },
  define: { ASSAY_BUNDLE: 'true' },
  logLevel: 'warning',
});
chmodSync(path.join(dist, 'src/cli/assay.js'), 0o755);
