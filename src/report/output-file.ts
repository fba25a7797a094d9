// Writing a report or result file, creating its folder. The folder is created one level at a
// time: Node's recursive mkdir never returns on some virtual file systems (/proc), and a
// report path there must fail with a message, not hang.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AssayOutputError } from '../errors.js';

export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing)
    await mkdir(d).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
}

export async function writeOutputFile(file: string, text: string, { append = false } = {}): Promise<void> {
  try {
    await ensureDir(path.dirname(path.resolve(file)));
    await (append ? appendFile(file, text) : writeFile(file, text));
  } catch (err) {
    throw new AssayOutputError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
