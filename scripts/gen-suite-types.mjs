// Writes src/api/expectation-kwargs.ts: one TypeScript kwargs type per expectation type, from
// the kwargs JSON Schemas of the built catalogue (run after tsc, like gen-suite-schema.mjs), so
// defineSuite() rejects a misspelt or missing kwarg at compile time. The file is committed
// because tsc needs it before there is a catalogue to read; when it changed, this script
// compiles the project again (and the change is there to commit).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = new URL('../src/api/expectation-kwargs.ts', import.meta.url);

const literal = (v) => JSON.stringify(v);
const key = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const doc = (s, indent) => (s?.description ? `${indent}/** ${String(s.description).replace(/\*\//g, '* /')} */\n` : '');

/** A JSON Schema (the subset the catalogue uses) as a TypeScript type. */
export function toType(schema, indent = '') {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0) return 'unknown';
  if ('const' in schema) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  const alts = schema.oneOf ?? schema.anyOf;
  if (alts) return [...new Set(alts.map((s) => toType(s, indent)))].join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : [];
  if (types.length === 0) return 'unknown';
  return types
    .map((t) => {
      switch (t) {
        case 'string':
          return 'string';
        case 'number':
        case 'integer':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array': {
          if (Array.isArray(schema.prefixItems)) return `[${schema.prefixItems.map((s) => toType(s, indent)).join(', ')}]`;
          const item = toType(schema.items, indent);
          return /^[\w"]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
        }
        case 'object':
          return objectType(schema, indent);
        default:
          return 'unknown';
      }
    })
    .join(' | ');
}

function objectType(schema, indent) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return schema.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>';
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const lines = props.map(([k, s]) => `${doc(s, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${toType(s, inner)};`);
  if (schema.additionalProperties !== false) lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const FAMILIES = ['table', 'column_map', 'column_pair_map', 'multicolumn_map', 'column_aggregate', 'query'];
const familyName = (family) =>
  family === 'table' ? 'CommonKwargs' : `${family.replace(/(^|_)(\w)/g, (_m, _u, c) => c.toUpperCase())}Kwargs`;

/**
 * The module's text: the kwargs every type of a family shares, once per family, and each type's
 * own kwargs on top (a kwarg the type redefines, or makes required, replaces the family's).
 */
export function suiteTypes(definitions, familyKwargs) {
  // What every expectation accepts is the table family's kwargs; the others add their columns.
  const common = familyKwargs('table');
  const families = FAMILIES.map((family) => {
    const { properties, required } = familyKwargs(family);
    const own = Object.fromEntries(Object.entries(properties).filter(([k]) => !(k in common.properties)));
    const body =
      family === 'table'
        ? objectType({ ...common, additionalProperties: false }, '')
        : Object.keys(own).length
          ? `CommonKwargs & ${objectType({ properties: own, required, additionalProperties: false }, '')}`
          : 'CommonKwargs';
    return family === 'table'
      ? `/** Kwargs every expectation accepts. */\nexport interface CommonKwargs ${body}`
      : `/** Kwargs every ${family.replace(/_/g, ' ')} expectation accepts. */\nexport type ${familyName(family)} = ${body};`;
  });
  const entries = [...definitions]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((def) => {
      const fam = familyKwargs(def.family);
      const own = def.schema.properties ?? {};
      const ownRequired = new Set(def.schema.required ?? []);
      const replaced = Object.keys(fam.properties).filter((k) => k in own || (ownRequired.has(k) && !fam.required.includes(k)));
      const props = { ...Object.fromEntries(replaced.map((k) => [k, fam.properties[k]])), ...own };
      const base = replaced.length ? `Omit<${familyName(def.family)}, ${replaced.map(literal).join(' | ')}>` : familyName(def.family);
      const mine = Object.keys(props).length
        ? ` & ${objectType({ properties: props, required: [...ownRequired], additionalProperties: false }, '  ')}`
        : '';
      return `  /** ${def.description.replace(/\*\//g, '* /')} */
  ${def.type}: ${base}${mine};`;
    });
  return `// Generated by scripts/gen-suite-types.mjs from the kwargs JSON Schemas of expectations/; do not
// edit. \`npm run build\` regenerates it.

${families.join('\n\n')}

/** Each expectation type's kwargs. */
export interface ExpectationKwargs {
${entries.join('\n')}
}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadCatalogue, familyKwargs } = await import('../dist/src/engine/catalogue.js');
  const prettier = await import('prettier');
  const file = fileURLToPath(OUT);
  const text = await prettier.format(suiteTypes(await (await loadCatalogue()).definitions(), familyKwargs), {
    ...(await prettier.resolveConfig(file)),
    filepath: file,
  });
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // first run
  }
  if (current !== text) {
    writeFileSync(OUT, text);
    console.error('src/api/expectation-kwargs.ts changed: compiling again');
    const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      stdio: 'inherit',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    process.exit(r.status ?? 1);
  }
}
