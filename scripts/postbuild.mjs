// After tsc: copy JSON assets of src/ beside the compiled code (tsc copies only what is
// imported), and mark the CLI entry executable (tsc does not keep file modes).
import { chmodSync, cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true })) {
  const rel = String(entry);
  if (rel.endsWith('.json')) cpSync(path.join(root, 'src', rel), path.join(root, 'dist/src', rel));
}
const bin = path.join(root, 'dist/src/cli/main.js');
if (existsSync(bin)) chmodSync(bin, 0o755);
