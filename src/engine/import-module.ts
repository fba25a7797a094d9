// Importing a project's own module: a config file or a custom expectation. JavaScript (.js,
// .mjs) is imported as it is. TypeScript (.ts, .mts) is imported by Node when it can (Node 22.6+
// strips types; a loader such as tsx registers itself); Node 20 cannot, so the file is then
// transpiled with the project's own `typescript` package (types erased, nothing checked) into a
// temporary .mjs beside it, so its relative and package imports resolve as written, imported,
// and removed. Without `typescript` in the project the error says what to do.
import { createRequire } from 'node:module';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssayModuleError } from '../errors.js';

export async function importModule(file: string): Promise<unknown> {
  try {
    return await import(pathToFileURL(file).href);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !/\.m?ts$/.test(file))
      throw new AssayModuleError(`${file}: cannot load: ${(err as Error).message}`, file);
  }
  return importTranspiled(file);
}

async function importTranspiled(file: string): Promise<unknown> {
  let ts: typeof import('typescript');
  try {
    ts = createRequire(file)('typescript') as typeof import('typescript');
  } catch {
    throw new AssayModuleError(
      `${file}: Node ${process.versions.node} cannot import TypeScript and the project has no \`typescript\` package to transpile it: ` +
        'add typescript to its devDependencies, write the file as .mjs, or run assay under Node 22.6+ or tsx',
      file,
    );
  }
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const tmp = path.join(path.dirname(file), `.${path.basename(file).replace(/\.m?ts$/, '')}.assay-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(tmp, out.outputText);
  try {
    return await import(pathToFileURL(tmp).href);
  } catch (err) {
    throw new AssayModuleError(`${file}: cannot load: ${(err as Error).message}`, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
