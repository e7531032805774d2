// Values driven by the project's specs: random messages for a given version, the defaults a
// decoder must produce for fields absent in that version, and a canonical form for comparison.
// Defaults are computed here from the spec, independently of the generator's default<X>().
import { camel } from '../../../../../protocol/codegen/emit-struct.js';
import { inVersions, type FieldSpec } from '../../../../../protocol/codegen/spec.js';
import type { Prng } from './prng.js';

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
type Obj = Record<string, unknown>;

/** Struct type name -> fields, for one section (inline and declared structs alike). */
export type StructTable = Map<string, FieldSpec[]>;

const INT_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
// Multi-byte UTF-8 on purpose: 2-, 3- and 4-byte sequences (the last a surrogate pair in JS).
const CHARS = ['a', 'Z', '0', '-', '_', '.', ' ', 'é', 'ß', 'Ω', '中', '€', '😀', '𝄞'];
const FLOATS = [0, 1, -1, 0.5, 1e300, -1e-300, Number.MAX_VALUE, Infinity, -Infinity, NaN];

const structOf = (type: string): string => type.replace(/^\[\]/, '');

export function defaultValue(f: FieldSpec, structs: StructTable): unknown {
  const d = f.default;
  if (d === 'null' || f.type === 'records') return null;
  if (f.type.startsWith('[]')) return [];
  switch (f.type) {
    case 'string': return d === null ? '' : (JSON.parse(d) as string);
    case 'bool': return d === 'true';
    case 'uuid': return ZERO_UUID;
    case 'bytes': return Buffer.alloc(0);
    default:
      if (f.type in INT_RANGES || f.type === 'float64') return d === null ? 0 : Number(d);
      return defaultStruct(structs.get(f.type)!, structs);
  }
}

export function defaultStruct(fields: FieldSpec[], structs: StructTable): Obj {
  const o: Obj = {};
  for (const f of fields) o[camel(f.name)] = defaultValue(f, structs);
  return o;
}

function randomString(rng: Prng): string {
  let s = '';
  const n = rng.pick([0, 1, 3, 8, 20]);
  for (let i = 0; i < n; i++) s += rng.pick(CHARS);
  return s;
}

function randomScalar(type: string, rng: Prng): unknown {
  const range = INT_RANGES[type];
  if (range) return rng.chance(0.3) ? rng.pick([range[0], range[1], 0, -1].filter((x) => x >= range[0])) : rng.between(...range);
  switch (type) {
    case 'bool': return rng.chance(0.5);
    case 'float64': return rng.chance(0.5) ? rng.pick(FLOATS) : (rng.next() - 0.5) * 1e6;
    case 'uuid': return rng.bytes(16).toString('base64url');
    case 'string': return randomString(rng);
    case 'bytes':
    case 'records': return rng.bytes(rng.pick([0, 1, 5, 40]));
    default: return undefined;
  }
}

export interface GenOptions {
  rng: Prng;
  structs: StructTable;
  version: number;
}

/** A random value of the field's type, null only where the field is nullable in this version. */
function randomField(f: FieldSpec, g: GenOptions, depth: number): unknown {
  const present = inVersions(g.version, f.versions);
  const nullable = present ? inVersions(g.version, f.nullable) : false;
  if (nullable && g.rng.chance(0.2)) return null;
  if (g.rng.chance(0.15)) {
    const d = defaultValue(f, g.structs);
    if (d !== null || nullable) return d;
  }
  if (f.type.startsWith('[]')) {
    const e = structOf(f.type);
    const n = depth > 3 ? 0 : g.rng.pick([0, 1, 2, 3]);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const scalar = randomScalar(e, g.rng);
      out.push(scalar !== undefined ? scalar : randomStruct(g.structs.get(e)!, g, depth + 1));
    }
    return out;
  }
  const scalar = randomScalar(f.type, g.rng);
  return scalar !== undefined ? scalar : randomStruct(g.structs.get(f.type)!, g, depth + 1);
}

/** Random values for every field, including fields the version leaves out (writers must skip them). */
export function randomStruct(fields: FieldSpec[], g: GenOptions, depth = 0): Obj {
  const o: Obj = {};
  // A field of this project's own (an extension) keeps its default: Kafka's encoding has no place for it.
  for (const f of fields) o[camel(f.name)] = f.extension !== null ? defaultValue(f, g.structs) : randomField(f, g, depth);
  return o;
}

/** What a decoder must return for `value` at `version`: fields absent in the version at their defaults. */
export function expectedAfterRoundTrip(fields: FieldSpec[], value: Obj, version: number, structs: StructTable): Obj {
  const o: Obj = {};
  for (const f of fields) {
    const key = camel(f.name);
    const v = value[key];
    if (!inVersions(version, f.versions)) o[key] = defaultValue(f, structs);
    else if (v === null || !structs.has(structOf(f.type))) o[key] = v;
    else {
      const inner = structs.get(structOf(f.type))!;
      const one = (e: unknown): Obj => expectedAfterRoundTrip(inner, e as Obj, version, structs);
      o[key] = Array.isArray(v) ? v.map(one) : one(v);
    }
  }
  return o;
}

/** Buffers become hex strings so structural equality compares their bytes, not their views. */
export function canonical(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return `hex:${v.toString('hex')}`;
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}
