// A second encoder, written straight from Kafka's JSON definitions and the protocol rules (no
// generated code, no project spec): what Kafka would put on the wire for a value at a version.
// Slow and plain on purpose; it is the yardstick the generated writers are measured against.
import { camel } from '../../../../../protocol/codegen/emit-struct.js';
import type { RefField, RefMessage } from './kafka-reference.js';

type Obj = Record<string, any>;

function inRange(text: string | undefined, v: number): boolean {
  if (text === undefined || text === 'none') return false;
  const m = /^(\d+)(?:(\+)|-(\d+))?$/.exec(text.trim())!;
  const min = Number(m[1]);
  const max = m[2] ? Infinity : m[3] !== undefined ? Number(m[3]) : min;
  return v >= min && v <= max;
}

function uvarint(n: number): Buffer {
  const out: number[] = [];
  let x = n >>> 0;
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x >>>= 7;
  }
  out.push(x);
  return Buffer.from(out);
}

function fixed(type: string, v: any): Buffer | undefined {
  const sizes: Record<string, number> = { bool: 1, int8: 1, int16: 2, uint16: 2, int32: 4, int64: 8, float64: 8, uuid: 16 };
  const size = sizes[type];
  if (size === undefined) return undefined;
  const b = Buffer.alloc(size);
  if (type === 'bool') b.writeInt8(v ? 1 : 0);
  else if (type === 'int8') b.writeInt8(v);
  else if (type === 'int16') b.writeInt16BE(v);
  else if (type === 'uint16') b.writeUInt16BE(v);
  else if (type === 'int32') b.writeInt32BE(v);
  else if (type === 'int64') b.writeBigInt64BE(BigInt(v));
  else if (type === 'float64') b.writeDoubleBE(v);
  else Buffer.from(v, 'base64url').copy(b);
  return b;
}

/** Length prefix: -1/0 for null; int16 or int32 when not compact, uvarint(n + 1) when compact. */
function length(n: number | null, compact: boolean, wide: boolean): Buffer {
  if (compact) return uvarint(n === null ? 0 : n + 1);
  const b = Buffer.alloc(wide ? 4 : 2);
  if (wide) b.writeInt32BE(n ?? -1);
  else b.writeInt16BE(n ?? -1);
  return b;
}

export class ReferenceEncoder {
  constructor(private readonly message: RefMessage) {}

  private flexible(version: number): boolean {
    return inRange(this.message.flexibleVersions, version);
  }

  private structFields(f: RefField): RefField[] | undefined {
    const type = f.type.replace(/^\[\]/, '');
    return f.fields ?? this.message.commonStructs?.find((s) => s.name === type)?.fields;
  }

  /** Kafka's default for a field, as a value of our representation. */
  private defaultOf(f: RefField): unknown {
    const d = f.default === undefined ? undefined : String(f.default);
    if (d === 'null') return null;
    if (f.type.startsWith('[]')) return [];
    const inner = this.structFields(f);
    if (inner) return Object.fromEntries(inner.map((x) => [camel(x.name), this.defaultOf(x)]));
    if (f.type === 'string') return d ?? '';
    if (f.type === 'bool') return d === 'true';
    if (f.type === 'uuid') return 'AAAAAAAAAAAAAAAAAAAAAA';
    if (f.type === 'bytes') return Buffer.alloc(0);
    if (f.type === 'records') return null;
    return Number(d ?? 0);
  }

  encode(value: Obj, version: number): Buffer {
    return this.struct(this.message.fields, value, version);
  }

  private struct(fields: RefField[], value: Obj, version: number): Buffer {
    const flexible = this.flexible(version);
    const parts: Buffer[] = [];
    for (const f of fields) {
      const present = inRange(f.versions ?? f.taggedVersions, version);
      if (present && !(flexible && inRange(f.taggedVersions, version))) parts.push(this.field(f, value[camel(f.name)], version, false));
    }
    if (!flexible) return Buffer.concat(parts);
    const tagged = fields
      .filter((f) => inRange(f.taggedVersions, version) && !equal(value[camel(f.name)], this.defaultOf(f)))
      .sort((a, b) => Number(a.tag) - Number(b.tag));
    parts.push(uvarint(tagged.length));
    for (const f of tagged) {
      const body = this.field(f, value[camel(f.name)], version, true);
      parts.push(uvarint(Number(f.tag)), uvarint(body.length), body);
    }
    return Buffer.concat(parts);
  }

  private field(f: RefField, v: any, version: number, tagged: boolean): Buffer {
    const compact = this.flexible(version) && (f.flexibleVersions === undefined || inRange(f.flexibleVersions, version));
    if (f.type.startsWith('[]')) {
      if (v === null) return length(null, compact, true);
      const element: RefField = { ...f, type: f.type.slice(2), nullableVersions: undefined };
      return Buffer.concat([length(v.length, compact, true), ...v.map((e: unknown) => this.field(element, e, version, false))]);
    }
    const scalar = fixed(f.type, v);
    if (scalar) return scalar;
    if (f.type === 'string' || f.type === 'bytes' || f.type === 'records') {
      if (v === null) return length(null, compact, f.type !== 'string');
      const bytes = f.type === 'string' ? Buffer.from(v, 'utf8') : (v as Buffer);
      return Buffer.concat([length(bytes.length, compact, f.type !== 'string'), bytes]);
    }
    const body = (): Buffer => this.struct(this.structFields(f)!, v, version);
    if (!inRange(f.nullableVersions, version)) return body();
    // A nullable struct's marker: int8 -1/1, or inside a tagged field an unsigned varint 0/1.
    if (v === null) return tagged ? uvarint(0) : Buffer.from([0xff]);
    return Buffer.concat([tagged ? uvarint(1) : Buffer.from([1]), body()]);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => equal((a as Obj)[k], (b as Obj)[k]));
}
