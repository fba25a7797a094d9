import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// package.json is one folder up from src/ and two from dist/src/.
const candidates = ['../package.json', '../../package.json'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
const file = candidates.find((f) => existsSync(f) && JSON.parse(readFileSync(f, 'utf8')).name === 'assay');
export const VERSION: string = file ? JSON.parse(readFileSync(file, 'utf8')).version : '0.0.0';
