// Emits TypeScript for one struct: its interface, a default constructor, a reader, a writer and
// (when a tagged field holds it) an is-default test. Every version is handled by one function with
// version checks, the way Kafka's generated Java does it.
import { type FieldSpec, type Versions } from './spec.js';

export interface StructModel {
  /** TypeScript name. */
  name: string;
  fields: FieldSpec[];
}

export interface EmitContext {
  /** Versions in which the message is flexible. */
  flexible: Versions;
  /** Spec type name -> TypeScript struct name, for this section. */
  structName: (specType: string) => string;
  /** Struct names that need an isDefault function (tagged struct fields). */
  needsIsDefault: Set<string>;
}

const SCALARS: Record<string, { ts: string; read: string; write: string; zero: string; bytes: number }> = {
  bool: { ts: 'boolean', read: 'bool', write: 'bool', zero: 'false', bytes: 1 },
  int8: { ts: 'number', read: 'int8', write: 'int8', zero: '0', bytes: 1 },
  int16: { ts: 'number', read: 'int16', write: 'int16', zero: '0', bytes: 2 },
  uint16: { ts: 'number', read: 'uint16', write: 'uint16', zero: '0', bytes: 2 },
  int32: { ts: 'number', read: 'int32', write: 'int32', zero: '0', bytes: 4 },
  int64: { ts: 'number', read: 'int64', write: 'int64', zero: '0', bytes: 8 },
  float64: { ts: 'number', read: 'float64', write: 'float64', zero: '0', bytes: 8 },
  uuid: { ts: 'string', read: 'uuid', write: 'uuid', zero: 'ZERO_UUID', bytes: 16 },
};

export const camel = (name: string): string => name[0]!.toLowerCase() + name.slice(1);
const isArray = (type: string): boolean => type.startsWith('[]');
const elementType = (type: string): string => type.slice(2);
const isStructType = (type: string): boolean => !(type in SCALARS) && !['string', 'bytes', 'records'].includes(type);

/** A boolean expression for `version` lying in `r`. */
export function versionCheck(r: Versions | null): string {
  if (r === null || r.min > r.max) return 'false';
  const parts: string[] = [];
  if (r.min > 0) parts.push(`version >= ${r.min}`);
  if (r.max !== Infinity) parts.push(r.min === r.max ? `version === ${r.max}` : `version <= ${r.max}`);
  if (parts.length === 2 && r.min === r.max) return parts[1]!;
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

const sameVersions = (a: Versions | null, b: Versions | null): boolean =>
  a !== null && b !== null && a.min === b.min && a.max === b.max;

function tsType(f: FieldSpec, ctx: EmitContext): string {
  const nullable = f.nullable !== null || f.type === 'records' || f.default === 'null';
  let t: string;
  if (isArray(f.type)) {
    const e = elementType(f.type);
    t = `${e in SCALARS ? SCALARS[e]!.ts : e === 'string' ? 'string' : ctx.structName(e)}[]`;
  } else if (f.type in SCALARS) t = SCALARS[f.type]!.ts;
  else if (f.type === 'string') t = 'string';
  else if (f.type === 'bytes' || f.type === 'records') t = 'Buffer';
  else t = ctx.structName(f.type);
  return nullable ? `${t} | null` : t;
}

export function defaultExpr(f: FieldSpec, ctx: EmitContext): string {
  const d = f.default;
  if (d === 'null' || f.type === 'records') return 'null';
  if (isArray(f.type)) return '[]';
  if (f.type === 'string') return d === null ? "''" : d;
  if (f.type === 'bytes') return 'EMPTY_BYTES';
  if (f.type === 'bool') return d === null ? 'false' : String(d === 'true');
  if (f.type in SCALARS) return d === null ? SCALARS[f.type]!.zero : String(Number(d));
  return `default${ctx.structName(f.type)}()`;
}

/** True when the field's value differs from its default (so a tagged field must be written). */
function nonDefaultCheck(f: FieldSpec, v: string, ctx: EmitContext): string {
  const d = defaultExpr(f, ctx);
  if (isArray(f.type) || f.type === 'bytes') {
    return d === 'null' ? `${v} !== null` : `(${v} === null || ${v}.length > 0)`;
  }
  if (isStructType(f.type)) {
    if (d === 'null') return `${v} !== null`;
    ctx.needsIsDefault.add(ctx.structName(f.type));
    return `!isDefault${ctx.structName(f.type)}(${v})`;
  }
  return `${v} !== ${d}`;
}

/** Compact-encoding expression for this field (some header fields stay non-compact). */
function compactExpr(f: FieldSpec): string {
  if (f.flexible === null) return 'flex';
  const check = versionCheck(f.flexible);
  return check === 'false' ? 'false' : `(flex && ${check})`;
}

function readExpr(f: FieldSpec, r: string, ctx: EmitContext, compact: string): string {
  const nullableNow = f.nullable === null ? null : versionCheck(f.nullable);
  const typeIsNullable = tsType(f, ctx).endsWith('| null');
  const orDefault = (e: string): string => (typeIsNullable ? e : `(${e} ?? ${defaultExpr(f, ctx)})`);
  if (isArray(f.type)) {
    const e = elementType(f.type);
    const elem = e in SCALARS ? `(r) => r.${SCALARS[e]!.read}()` : e === 'string'
      ? `(r) => r.string(${compact}) ?? ''` : `(r) => read${ctx.structName(e)}(r, version)`;
    const min = e in SCALARS ? SCALARS[e]!.bytes : 1;
    return orDefault(`readArray(${r}, ${compact}, ${min}, ${elem})`);
  }
  if (f.type in SCALARS) return `${r}.${SCALARS[f.type]!.read}()`;
  if (f.type === 'string') return orDefault(`${r}.string(${compact})`);
  if (f.type === 'bytes' || f.type === 'records') return orDefault(`${r}.bytes(${compact})`);
  const read = `read${ctx.structName(f.type)}(${r}, version)`;
  if (nullableNow === null) return read;
  return `(${nullableNow} && ${r}.int8() < 0 ? null : ${read})`;
}

function writeStmt(f: FieldSpec, v: string, ctx: EmitContext, compact: string): string {
  const partlyNullable = tsType(f, ctx).endsWith('| null') && f.nullable !== null &&
    !(f.nullable.min <= f.versions.min && f.nullable.max >= f.versions.max);
  const val = partlyNullable ? `(${versionCheck(f.nullable)} ? ${v} : ${v} ?? ${emptyOf(f)})` : v;
  if (isArray(f.type)) {
    const e = elementType(f.type);
    const elem = e in SCALARS ? `(w, e) => w.${SCALARS[e]!.write}(e)` : e === 'string'
      ? `(w, e) => w.string(e, ${compact})` : `(w, e) => write${ctx.structName(e)}(w, e, version)`;
    return `writeArray(w, ${val}, ${compact}, ${elem});`;
  }
  if (f.type in SCALARS) return `w.${SCALARS[f.type]!.write}(${v});`;
  if (f.type === 'string') return `w.string(${val}, ${compact});`;
  if (f.type === 'bytes' || f.type === 'records') return `w.bytes(${val}, ${compact});`;
  const name = ctx.structName(f.type);
  if (f.nullable === null) return `write${name}(w, ${v}, version);`;
  const nc = versionCheck(f.nullable);
  const marker = nc === 'true' ? 'w.int8(1); ' : `if (${nc}) w.int8(1); `;
  return `if (${nc} && ${v} === null) w.int8(-1); else { ${marker}write${name}(w, ${v}!, version); }`;
}

function emptyOf(f: FieldSpec): string {
  if (isArray(f.type)) return '[]';
  return f.type === 'string' ? "''" : 'EMPTY_BYTES';
}

/** Whether the field travels in the regular (untagged) part in some version. */
function regularCheck(f: FieldSpec, flexible: Versions): string {
  const present = versionCheck(f.versions);
  if (f.tag === null) return present;
  if (sameVersions(f.tagged, f.versions) && f.versions.min >= flexible.min) return 'false';
  return `${present} && !(flex && ${versionCheck(f.tagged)})`;
}

function taggedCheck(f: FieldSpec): string {
  return versionCheck(f.tagged);
}

function doc(about: string, indent: string): string {
  return about === '' ? '' : `${indent}/** ${about.replace(/\*\//g, '* /')} */\n`;
}

export function emitStruct(s: StructModel, ctx: EmitContext): string {
  const flexCheck = versionCheck(ctx.flexible);
  const tagged = s.fields.filter((f) => f.tag !== null).sort((a, b) => a.tag! - b.tag!);
  const out: string[] = [];
  out.push(`export interface ${s.name} {`);
  for (const f of s.fields) out.push(`${doc(f.about, '  ')}  ${camel(f.name)}: ${tsType(f, ctx)};`);
  out.push('}', '');

  out.push(`export function default${s.name}(): ${s.name} {`);
  out.push(`  return {`);
  for (const f of s.fields) out.push(`    ${camel(f.name)}: ${defaultExpr(f, ctx)},`);
  out.push('  };', '}', '');

  out.push(`export function read${s.name}(r: Reader, version: number): ${s.name} {`);
  out.push(`  const flex = ${flexCheck};`);
  out.push(`  const o: ${s.name} = {`);
  for (const f of s.fields) {
    const reg = regularCheck(f, ctx.flexible);
    const d = defaultExpr(f, ctx);
    const e = readExpr(f, 'r', ctx, compactExpr(f));
    out.push(`    ${camel(f.name)}: ${reg === 'true' ? e : reg === 'false' ? d : `${reg} ? ${e} : ${d}`},`);
  }
  out.push('  };');
  if (tagged.length === 0) {
    out.push('  if (flex) r.skipTaggedFields();');
  } else {
    out.push('  if (flex) {', '    const n = r.uvarint();', '    for (let i = 0; i < n; i++) {');
    out.push('      const tag = r.uvarint();', '      const t = r.sub(r.uvarint());');
    for (const f of tagged) {
      out.push(`      if (tag === ${f.tag} && ${versionCheck(f.tagged)}) o.${camel(f.name)} = ${readExpr(f, 't', ctx, 'true')};`);
    }
    out.push('    }', '  }');
  }
  out.push('  return o;', '}', '');

  out.push(`export function write${s.name}(w: Writer, v: ${s.name}, version: number): void {`);
  out.push(`  const flex = ${flexCheck};`);
  for (const f of s.fields) {
    const reg = regularCheck(f, ctx.flexible);
    if (reg === 'false') continue;
    const stmt = writeStmt(f, `v.${camel(f.name)}`, ctx, compactExpr(f));
    out.push(reg === 'true' ? `  ${stmt}` : `  if (${reg}) ${stmt.startsWith('if') ? `{ ${stmt} }` : stmt}`);
  }
  if (tagged.length === 0) {
    out.push('  if (flex) w.uvarint(0);');
  } else {
    out.push('  if (flex) {');
    tagged.forEach((f, i) => out.push(`    const t${i} = ${taggedCheck(f)} && ${nonDefaultCheck(f, `v.${camel(f.name)}`, ctx)};`));
    const count = tagged.length === 1 ? 't0 ? 1 : 0' : tagged.map((_, i) => `(t${i} ? 1 : 0)`).join(' + ');
    out.push(`    w.uvarint(${count});`);
    tagged.forEach((f, i) => {
      const stmt = writeStmt(f, `v.${camel(f.name)}`, ctx, 'true');
      out.push(`    if (t${i}) writeTagged(w, ${f.tag}, (w) => { ${stmt} });`);
    });
    out.push('  }');
  }
  out.push('}', '');
  return out.join('\n');
}

/** isDefault for structs held by tagged fields: every field at its default. */
export function emitIsDefault(s: StructModel, ctx: EmitContext): string {
  const checks = s.fields.map((f) => nonDefaultCheck(f, `v.${camel(f.name)}`, ctx));
  return [
    `function isDefault${s.name}(v: ${s.name}): boolean {`,
    `  return !(${checks.join(' ||\n    ')});`,
    '}', '',
  ].join('\n');
}
