// spec/ -> generated/: one TypeScript module per spec file, plus an index of definitions.
// Pure: returns file contents keyed by path relative to protocol/, so a test can compare them with
// what is committed.
import fs from 'node:fs';
import path from 'node:path';
import { parseSpec, type FieldSpec, type MessageSpec, type SectionSpec } from './spec.js';
import { generateScalarArrays } from './emit-arrays.js';
import { emitIsDefault, emitStruct, HELPERS, SCALAR_ARRAYS, type EmitContext, type StructModel } from './emit-struct.js';

const SUBDIRS = ['api', 'metadata', 'header', 'data'] as const;

export interface SpecFile {
  /** e.g. api/03-metadata */
  id: string;
  spec: MessageSpec;
}

export function loadSpecs(protocolDir: string): SpecFile[] {
  const out: SpecFile[] = [];
  for (const sub of SUBDIRS) {
    const dir = path.join(protocolDir, 'spec', sub);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.spec')).sort()) {
      const id = `${sub}/${file.replace(/\.spec$/, '')}`;
      try {
        out.push({ id, spec: parseSpec(fs.readFileSync(path.join(dir, file), 'utf8')) });
      } catch (e) {
        throw new Error(`spec/${id}.spec: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

/** Spec struct type names used in a section, inline ones and declared ones, in source order. */
export function structsOf(section: SectionSpec): Map<string, FieldSpec[]> {
  const found = new Map<string, FieldSpec[]>([[section.name, section.fields]]);
  const walk = (fields: FieldSpec[]): void => {
    for (const f of fields) {
      if (f.fields === null) continue;
      found.set(f.type.replace(/^\[\]/, ''), f.fields);
      walk(f.fields);
    }
  };
  walk(section.fields);
  for (const s of section.structs) {
    found.set(s.name, s.fields);
    walk(s.fields);
  }
  return found;
}

function emitSections(spec: MessageSpec): { body: string; tops: string[] } {
  const perSection = spec.sections.map(structsOf);
  const counts = new Map<string, number>();
  for (const m of perSection) for (const n of m.keys()) counts.set(n, (counts.get(n) ?? 0) + 1);
  const parts: string[] = [];
  spec.sections.forEach((section, i) => {
    // A struct name used by both request and response gets the section's name in front.
    const structName = (t: string): string => (counts.get(t)! > 1 ? section.name + t : t);
    const ctx: EmitContext = { flexible: spec.flexible, structName, needsIsDefault: new Set() };
    const models: StructModel[] = [...perSection[i]!].map(([n, fields]) => ({ name: structName(n), fields }));
    for (const m of models) parts.push(emitStruct(m, ctx));
    // An isDefault may call the isDefault of a struct it holds, so repeat until none is missing.
    const emitted = new Set<string>();
    while (models.some((m) => ctx.needsIsDefault.has(m.name) && !emitted.has(m.name))) {
      for (const m of models.filter((x) => ctx.needsIsDefault.has(x.name) && !emitted.has(x.name))) {
        emitted.add(m.name);
        parts.push(emitIsDefault(m, ctx));
      }
    }
  });
  return { body: parts.join('\n'), tops: spec.sections.map((s) => s.name) };
}

function definition(spec: MessageSpec, tops: string[]): string {
  const flexibleVersion = spec.flexible.min > spec.flexible.max ? -1 : spec.flexible.min;
  const maxVersion = spec.versions.max;
  if (spec.kind === 'api') {
    const [req, res] = tops as [string, string];
    return [
      `export const ${spec.name}Api: ApiDefinition<${req}, ${res}> = {`,
      `  key: ${spec.key},`,
      `  name: '${spec.name}',`,
      `  minVersion: ${spec.versions.min},`,
      `  maxVersion: ${maxVersion},`,
      `  maxStableVersion: ${spec.unstable ? maxVersion - 1 : maxVersion},`,
      `  flexibleVersion: ${flexibleVersion},`,
      `  listeners: ${JSON.stringify(spec.listeners).replace(/"/g, "'").replace(/,/g, ', ')},`,
      `  readRequest: read${req},`,
      `  writeRequest: write${req},`,
      `  defaultRequest: default${req},`,
      `  readResponse: read${res},`,
      `  writeResponse: write${res},`,
      `  defaultResponse: default${res},`,
      '};', '',
    ].join('\n');
  }
  const top = tops[0]!;
  return [
    `export const ${top}Definition: MessageDefinition<${top}> = {`,
    `  name: '${spec.name}',`,
    `  type: ${spec.key ?? -1},`,
    `  minVersion: ${spec.versions.min},`,
    `  maxVersion: ${maxVersion},`,
    `  flexibleVersion: ${flexibleVersion},`,
    `  read: read${top},`,
    `  write: write${top},`,
    `  default: default${top},`,
    '};', '',
  ].join('\n');
}

export function generateModule(file: SpecFile): string {
  const { body, tops } = emitSections(file.spec);
  const def = definition(file.spec, tops);
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(body);
  const helpers = HELPERS.filter(uses);
  const arrays = SCALAR_ARRAYS.filter(uses);
  const defType = file.spec.kind === 'api' ? 'ApiDefinition' : 'MessageDefinition';
  const head = [
    `// generated - do not edit: \`npm run gen\` writes this file from protocol/spec/${file.id}.spec`,
    `import type { ${defType} } from '../../definition.js';`,
    "import type { Reader } from '../../primitives/reader.js';",
    "import type { Writer } from '../../primitives/writer.js';",
  ];
  if (helpers.length > 0) head.push(`import { ${helpers.join(', ')} } from '../../primitives/codec-helpers.js';`);
  if (arrays.length > 0) head.push(`import { ${arrays.join(', ')} } from '../scalar-arrays.js';`);
  return `${head.join('\n')}\n\n${body}\n${def}`;
}

function exportName(file: SpecFile): string {
  return file.spec.kind === 'api' ? `${file.spec.name}Api` : `${file.spec.name}Definition`;
}

function generateIndex(files: SpecFile[]): string {
  const lines = ['// generated - do not edit: `npm run gen` writes this index of every definition'];
  lines.push("import type { ApiDefinition, MessageDefinition } from '../definition.js';");
  for (const f of files) lines.push(`import { ${exportName(f)} } from './${f.id}.js';`);
  const list = (kind: string): string =>
    files.filter((f) => f.spec.kind === kind).map((f) => `  ${exportName(f)},`).join('\n');
  lines.push('', `/** Every API, by ascending key. */`);
  lines.push(`export const apiDefinitions: readonly ApiDefinition[] = [\n${list('api')}\n];`);
  lines.push('', `/** __cluster_metadata records, by ascending record type. */`);
  lines.push(`export const metadataRecordDefinitions: readonly MessageDefinition[] = [\n${list('metadata')}\n];`);
  lines.push('', `/** Request and response headers. */`);
  lines.push(`export const headerDefinitions: readonly MessageDefinition[] = [\n${list('header')}\n];`);
  lines.push('', `/** Other versioned data: internal-topic keys and values, Raft control records and state, by name. */`);
  lines.push(`export const dataDefinitions: readonly MessageDefinition[] = [\n${list('data')}\n];`);
  return lines.join('\n') + '\n';
}

/** Every generated file, keyed by its path under protocol/. */
export function generateAll(protocolDir: string): Map<string, string> {
  const files = loadSpecs(protocolDir);
  const out = new Map<string, string>();
  for (const f of files) out.set(`generated/${f.id}.ts`, generateModule(f));
  out.set('generated/index.ts', generateIndex(files));
  out.set('generated/scalar-arrays.ts', generateScalarArrays());
  return out;
}
