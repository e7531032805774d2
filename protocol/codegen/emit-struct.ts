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

interface Scalar {
  ts: string;
  /** Reader/Writer method. */
  method: string;
  zero: string;
  bytes: number;
  /** Name part of its array functions in generated/scalar-arrays.ts (readInt32Array, ...). */
  array: string;
}

export const SCALARS: Record<string, Scalar> = {
  bool: { ts: 'boolean', method: 'bool', zero: 'false', bytes: 1, array: 'Bool' },
  int8: { ts: 'number', method: 'int8', zero: '0', bytes: 1, array: 'Int8' },
  int16: { ts: 'number', method: 'int16', zero: '0', bytes: 2, array: 'Int16' },
  uint16: { ts: 'number', method: 'uint16', zero: '0', bytes: 2, array: 'Uint16' },
  int32: { ts: 'number', method: 'int32', zero: '0', bytes: 4, array: 'Int32' },
  int64: { ts: 'number', method: 'int64', zero: '0', bytes: 8, array: 'Int64' },
  float64: { ts: 'number', method: 'float64', zero: '0', bytes: 8, array: 'Float64' },
  uuid: { ts: 'string', method: 'uuid', zero: 'ZERO_UUID', bytes: 16, array: 'Uuid' },
};

/** Every codec-helpers name generated code may use, so a module imports exactly what it uses. */
export const HELPERS = ['EMPTY_BYTES', 'ZERO_UUID', 'readArray', 'writeArray', 'writeTagged'];

/** Every generated/scalar-arrays.ts function generated code may use. */
export const SCALAR_ARRAYS = [...Object.values(SCALARS).map((s) => s.array), 'String'].flatMap((e) => [`read${e}Array`, `write${e}Array`]);

export const camel = (name: string): string => name[0]!.toLowerCase() + name.slice(1);
const isArray = (type: string): boolean => type.startsWith('[]');
const elementType = (type: string): string => type.slice(2);
const isStructType = (type: string): boolean => !(type in SCALARS) && !['string', 'bytes', 'records'].includes(type);

/** A boolean expression for `version` lying in `r`. */
export function versionCheck(r: Versions | null): string {
  if (r === null || r.min > r.max) return 'false';
  if (r.min === r.max) return `version === ${r.max}`;
  const parts: string[] = [];
  if (r.min > 0) parts.push(`version >= ${r.min}`);
  if (r.max !== Infinity) parts.push(`version <= ${r.max}`);
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

/** `a && b && ...`, folding constant sides so the output holds no `true &&` or dead branches. */
function and(...parts: string[]): string {
  if (parts.includes('false')) return 'false';
  const rest = parts.filter((p) => p !== 'true');
  return rest.length === 0 ? 'true' : rest.join(' && ');
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
  if (f.type === 'string') return d === null ? "''" : `'${(JSON.parse(d) as string).replace(/[\\']/g, '\\$&')}'`;
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
    const notDefault = `!isDefault${ctx.structName(f.type)}(${v})`;
    return f.nullable === null ? notDefault : `(${v} === null || ${notDefault})`;
  }
  return `${v} !== ${d}`;
}

/**
 * How generated code refers to "this version is flexible": the literal when every version agrees,
 * else the local `flex`.
 */
function flexRef(ctx: EmitContext): string {
  const check = versionCheck(ctx.flexible);
  return check === 'true' || check === 'false' ? check : 'flex';
}

/** Compact-encoding expression for this field (some header fields stay non-compact). */
function compactExpr(f: FieldSpec, flex: string): string {
  return f.flexible === null ? flex : and(flex, versionCheck(f.flexible));
}

/** The generated/scalar-arrays.ts function for an array of scalars or strings (readInt32Array, ...); none for structs. */
function scalarArrayFn(io: 'read' | 'write', e: string): string | undefined {
  if (e in SCALARS) return `${io}${SCALARS[e]!.array}Array`;
  return e === 'string' ? `${io}StringArray` : undefined;
}

/**
 * Expression reading the field from reader `r`. Inside a tagged field a nullable struct's marker
 * is an unsigned varint (0 = null), as Kafka writes it; elsewhere it is an int8 (-1 = null).
 */
function readExpr(f: FieldSpec, r: string, ctx: EmitContext, compact: string, tagged: boolean): string {
  const typeIsNullable = tsType(f, ctx).endsWith('| null');
  const orDefault = (e: string): string => (typeIsNullable ? e : `(${e} ?? ${defaultExpr(f, ctx)})`);
  if (isArray(f.type)) {
    const e = elementType(f.type);
    const scalars = scalarArrayFn('read', e);
    if (scalars !== undefined) return orDefault(`${scalars}(${r}, ${compact})`);
    return orDefault(`readArray(${r}, ${compact}, 1, read${ctx.structName(e)}, version)`);
  }
  if (f.type in SCALARS) return `${r}.${SCALARS[f.type]!.method}()`;
  if (f.type === 'string') return orDefault(`${r}.string(${compact})`);
  if (f.type === 'bytes' || f.type === 'records') return orDefault(`${r}.bytes(${compact})`);
  const read = `read${ctx.structName(f.type)}(${r}, version)`;
  const isNull = and(versionCheck(f.nullable), tagged ? `${r}.uvarint() === 0` : `${r}.int8() < 0`);
  return isNull === 'false' ? read : `(${isNull} ? null : ${read})`;
}

function writeStmt(f: FieldSpec, v: string, ctx: EmitContext, compact: string, tagged: boolean): string {
  const partlyNullable = tsType(f, ctx).endsWith('| null') && f.nullable !== null &&
    !(f.nullable.min <= f.versions.min && f.nullable.max >= f.versions.max);
  const val = partlyNullable ? `(${versionCheck(f.nullable)} ? ${v} : ${v} ?? ${emptyOf(f)})` : v;
  if (isArray(f.type)) {
    const e = elementType(f.type);
    const scalars = scalarArrayFn('write', e);
    if (scalars !== undefined) return `${scalars}(w, ${val}, ${compact});`;
    return `writeArray(w, ${val}, ${compact}, write${ctx.structName(e)}, version);`;
  }
  if (f.type in SCALARS) return `w.${SCALARS[f.type]!.method}(${v});`;
  if (f.type === 'string') return `w.string(${val}, ${compact});`;
  if (f.type === 'bytes' || f.type === 'records') return `w.bytes(${val}, ${compact});`;
  const name = ctx.structName(f.type);
  const nc = versionCheck(f.nullable);
  if (nc === 'false') return `write${name}(w, ${v}, version);`;
  const [nullMark, presentMark] = tagged ? ['w.uvarint(0);', 'w.uvarint(1);'] : ['w.int8(-1);', 'w.int8(1);'];
  const mark = nc === 'true' ? presentMark : `if (${nc}) ${presentMark}`;
  return `if (${and(nc, `${v} === null`)}) ${nullMark} else { ${mark} write${name}(w, ${v}!, version); }`;
}

function emptyOf(f: FieldSpec): string {
  if (isArray(f.type)) return '[]';
  return f.type === 'string' ? "''" : 'EMPTY_BYTES';
}

/** Whether the field travels in the regular (untagged) part in some version. */
function regularCheck(f: FieldSpec, ctx: EmitContext): string {
  const present = versionCheck(f.versions);
  if (f.tag === null) return present;
  if (sameVersions(f.tagged, f.versions) && f.versions.min >= ctx.flexible.min) return 'false';
  const tagged = and(flexRef(ctx), versionCheck(f.tagged));
  return tagged === 'false' ? present : and(present, tagged === 'true' ? 'false' : `!(${tagged})`);
}

/** One tagged field: fixed-size scalars are written in place, the rest through a sized sub-writer. */
function writeTaggedStmt(f: FieldSpec, v: string, ctx: EmitContext): string {
  const scalar = SCALARS[f.type];
  if (scalar) return `w.uvarint(${f.tag}); w.uvarint(${scalar.bytes}); w.${scalar.method}(${v});`;
  return `writeTagged(w, ${f.tag}, (w) => { ${writeStmt(f, v, ctx, 'true', true)} });`;
}

function doc(about: string, indent: string): string {
  return about === '' ? '' : `${indent}/** ${about.replace(/\*\//g, '* /')} */\n`;
}

/** Lines of `body` run only in flexible versions: unguarded, guarded by `flex`, or left out. */
function ifFlexible(flex: string, body: string[]): string[] {
  if (flex === 'false') return [];
  if (flex === 'true') return body.map((l) => `  ${l}`);
  return ['  if (flex) {', ...body.map((l) => `    ${l}`), '  }'];
}

function flexDeclaration(ctx: EmitContext): string[] {
  return flexRef(ctx) === 'flex' ? [`  const flex = ${versionCheck(ctx.flexible)};`] : [];
}

function emitRead(s: StructModel, ctx: EmitContext, tagged: FieldSpec[]): string[] {
  const flex = flexRef(ctx);
  const out = [`export function read${s.name}(r: Reader, version: number): ${s.name} {`];
  out.push(...flexDeclaration(ctx), `  const o: ${s.name} = {`);
  for (const f of s.fields) {
    const reg = regularCheck(f, ctx);
    const d = defaultExpr(f, ctx);
    const e = reg === 'false' ? d : readExpr(f, 'r', ctx, compactExpr(f, flex), false);
    out.push(`    ${camel(f.name)}: ${reg === 'true' || reg === 'false' ? e : `${reg} ? ${e} : ${d}`},`);
  }
  out.push('  };');
  if (tagged.length === 0) {
    out.push(...ifFlexible(flex, ['r.skipTaggedFields();']));
  } else {
    const body = ['const n = r.uvarint();', 'for (let i = 0; i < n; i++) {'];
    body.push('  const tag = r.uvarint();', '  const t = r.sub(r.uvarint());');
    for (const f of tagged) {
      const when = and(`tag === ${f.tag}`, versionCheck(f.tagged));
      body.push(`  if (${when}) o.${camel(f.name)} = ${readExpr(f, 't', ctx, 'true', true)};`);
    }
    out.push(...ifFlexible(flex, [...body, '}']));
  }
  out.push('  return o;', '}', '');
  return out;
}

function emitWrite(s: StructModel, ctx: EmitContext, tagged: FieldSpec[]): string[] {
  const flex = flexRef(ctx);
  const out = [`export function write${s.name}(w: Writer, v: ${s.name}, version: number): void {`];
  out.push(...flexDeclaration(ctx));
  for (const f of s.fields) {
    const reg = regularCheck(f, ctx);
    if (reg === 'false') continue;
    const stmt = writeStmt(f, `v.${camel(f.name)}`, ctx, compactExpr(f, flex), false);
    out.push(reg === 'true' ? `  ${stmt}` : `  if (${reg}) ${stmt.startsWith('if') ? `{ ${stmt} }` : stmt}`);
  }
  if (tagged.length === 0) {
    out.push(...ifFlexible(flex, ['w.uvarint(0);']));
  } else {
    const body = tagged.map((f, i) => `const t${i} = ${and(versionCheck(f.tagged), nonDefaultCheck(f, `v.${camel(f.name)}`, ctx))};`);
    body.push(`w.uvarint(${tagged.length === 1 ? 't0 ? 1 : 0' : tagged.map((_, i) => `(t${i} ? 1 : 0)`).join(' + ')});`);
    tagged.forEach((f, i) => body.push(`if (t${i}) { ${writeTaggedStmt(f, `v.${camel(f.name)}`, ctx)} }`));
    out.push(...ifFlexible(flex, body));
  }
  out.push('}', '');
  return out;
}

export function emitStruct(s: StructModel, ctx: EmitContext): string {
  const tagged = s.fields.filter((f) => f.tag !== null).sort((a, b) => a.tag! - b.tag!);
  const out: string[] = [];
  out.push(`export interface ${s.name} {`);
  for (const f of s.fields) out.push(`${doc(f.about, '  ')}  ${camel(f.name)}: ${tsType(f, ctx)};`);
  out.push('}', '');
  out.push(`export function default${s.name}(): ${s.name} {`, '  return {');
  for (const f of s.fields) out.push(`    ${camel(f.name)}: ${defaultExpr(f, ctx)},`);
  out.push('  };', '}', '');
  out.push(...emitRead(s, ctx, tagged), ...emitWrite(s, ctx, tagged));
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
