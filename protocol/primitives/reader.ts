// Bounds-checked reader over one frame. Every malformed input (truncation, a negative or huge
// length, a varint that never ends) throws DecodeError and nothing else; lengths are checked
// against the bytes that remain before anything is allocated from them.

export class DecodeError extends Error {
  readonly code = 'KRAFTLING_DECODE';
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

const TWO_32 = 4294967296;

interface DecodedUuid {
  a: number;
  b: number;
  c: number;
  d: number;
  text: string;
}

const ZERO_UUID: DecodedUuid = { a: 0, b: 0, c: 0, d: 0, text: 'AAAAAAAAAAAAAAAAAAAAAA' };
/** The two Uuids decoded last, as four 32-bit words each, and their strings. */
let latestUuid = ZERO_UUID;
let previousUuid = ZERO_UUID;

const BASE64URL = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

/** 16 bytes as unpadded base64url, built in JS: Buffer's toString('base64url') crosses into C++
 * and cost 230-260 ns an id, against 90-110 here (a replay decodes one new id per topic). */
function base64url16(buf: Buffer, p: number): string {
  const C = BASE64URL;
  const a = (buf[p]! << 16) | (buf[p + 1]! << 8) | buf[p + 2]!;
  const b = (buf[p + 3]! << 16) | (buf[p + 4]! << 8) | buf[p + 5]!;
  const c = (buf[p + 6]! << 16) | (buf[p + 7]! << 8) | buf[p + 8]!;
  const d = (buf[p + 9]! << 16) | (buf[p + 10]! << 8) | buf[p + 11]!;
  const e = (buf[p + 12]! << 16) | (buf[p + 13]! << 8) | buf[p + 14]!;
  const f = buf[p + 15]!;
  return String.fromCharCode(
    C[a >>> 18]!, C[(a >>> 12) & 63]!, C[(a >>> 6) & 63]!, C[a & 63]!,
    C[b >>> 18]!, C[(b >>> 12) & 63]!, C[(b >>> 6) & 63]!, C[b & 63]!,
    C[c >>> 18]!, C[(c >>> 12) & 63]!, C[(c >>> 6) & 63]!, C[c & 63]!,
    C[d >>> 18]!, C[(d >>> 12) & 63]!, C[(d >>> 6) & 63]!, C[d & 63]!,
    C[e >>> 18]!, C[(e >>> 12) & 63]!, C[(e >>> 6) & 63]!, C[e & 63]!,
    C[f >>> 2]!, C[(f & 3) << 4]!,
  );
}

/**
 * Short ASCII strings decoded lately, by a hash of their length and three of their bytes. A
 * request's client id and topic names are the same from one request to the next: one found here
 * is compared byte by byte with no call into C++ and no new string (24-32 ns for 15 characters,
 * against 185-200 for Buffer's toString).
 */
const CACHED_STRING_BYTES = 64;
const STRING_SLOTS = 256;
const stringSlots: string[] = new Array<string>(STRING_SLOTS).fill('');

function cachedString(buf: Buffer, pos: number, n: number): string {
  if (n === 0) return '';
  const slot = (n * 31 + buf[pos]! * 7 + buf[pos + (n >> 1)]! * 3 + buf[pos + n - 1]!) & (STRING_SLOTS - 1);
  const known = stringSlots[slot]!;
  if (known.length === n) {
    let i = 0;
    while (i < n && buf[pos + i] === known.charCodeAt(i)) i++;
    if (i === n) return known;
  }
  const s = buf.toString('utf8', pos, pos + n);
  // Only ASCII is kept: then the bytes equal the characters' codes, which the comparison relies on.
  if (s.length === n && isAscii(s)) stringSlots[slot] = s;
  return s;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Four bytes as one number, without Buffer's argument checks (the caller checked the length). */
function word(buf: Buffer, pos: number): number {
  return buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
}

export class Reader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Buffer,
    pos = 0,
    end = buf.length,
  ) {
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number): void {
    if (n > this.end - this.pos) {
      throw new DecodeError(`need ${n} bytes at ${this.pos}, ${this.end - this.pos} remain`);
    }
  }

  /** A reader over the next n bytes, which this reader skips. */
  sub(n: number): Reader {
    this.need(n);
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int8(): number {
    this.need(1);
    return (this.buf[this.pos++]! << 24) >> 24;
  }

  uint8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  int16(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return ((b[p]! << 24) | (b[p + 1]! << 16)) >> 16;
  }

  uint16(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  int32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  }

  uint32(): number {
    return this.int32() >>> 0;
  }

  /** int64 as a JS number: exact within +-2^53, which covers offsets, timestamps and ids in practice. */
  int64(): number {
    const hi = this.int32();
    const lo = this.int32() >>> 0;
    return hi * TWO_32 + lo;
  }

  float64(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  /** A Kafka Uuid in its usual string form: 16 bytes as unpadded base64url. Ids seen in the last
   * two decoded are one string each, decoded and hashed as a map key once: a topic's partition
   * records follow each other in the metadata log, each with the same directory id. */
  uuid(): string {
    this.need(16);
    const { buf, pos } = this;
    this.pos += 16;
    const a = word(buf, pos);
    const b = word(buf, pos + 4);
    const c = word(buf, pos + 8);
    const d = word(buf, pos + 12);
    const first = latestUuid;
    if (first.a === a && first.b === b && first.c === c && first.d === d) return first.text;
    const second = previousUuid;
    previousUuid = first;
    latestUuid = second.a === a && second.b === b && second.c === c && second.d === d
      ? second : { a, b, c, d, text: base64url16(buf, pos) };
    return latestUuid.text;
  }

  /** An unsigned varint. One and two bytes (values below 16,384: lengths, counts, offset deltas)
   * are read without a call or a check per byte: a replay of a metadata log reads six per record,
   * mostly before the JIT has compiled its caller. */
  uvarint(): number {
    const { buf, pos } = this;
    if (pos + 1 < this.end) {
      const b0 = buf[pos]!;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
      const b1 = buf[pos + 1]!;
      if (b1 < 0x80) {
        this.pos = pos + 2;
        return (b0 & 0x7f) | (b1 << 7);
      }
    }
    return this.longUvarint();
  }

  private longUvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      this.need(1);
      const byte = this.buf[this.pos++]!;
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    throw new DecodeError(`unsigned varint longer than 5 bytes at ${this.pos}`);
  }

  varint(): number {
    const z = this.uvarint();
    return (z >>> 1) ^ -(z & 1);
  }

  /** Zigzag varlong as a number (exact within +-2^53). */
  varlong(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos]!;
      // One byte: -64 to 63 (a timestamp delta of a batch written at once is 0).
      if (b < 0x80) {
        this.pos = pos + 1;
        return (b >>> 1) ^ -(b & 1);
      }
    }
    // Take the sign from the lowest bit first and accumulate the rest, so that no intermediate
    // (the zigzag value can reach 2^54) passes 2^53 and loses precision.
    this.need(1);
    let byte = this.buf[this.pos++]!;
    const negative = (byte & 1) === 1;
    let result = (byte & 0x7f) >>> 1;
    let mul = 64;
    for (let i = 1; (byte & 0x80) !== 0; i++) {
      if (i === 10) throw new DecodeError(`varlong longer than 10 bytes at ${this.pos}`);
      this.need(1);
      byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * mul;
      mul *= 128;
    }
    return negative ? -result - 1 : result;
  }

  /** Length prefix of a string, bytes or array: -1 means null. Checked against what remains. */
  private length(n: number, minElementBytes: number): number {
    if (n < -1) throw new DecodeError(`negative length ${n} at ${this.pos}`);
    if (n > 0 && n * minElementBytes > this.end - this.pos) {
      throw new DecodeError(`length ${n} exceeds the ${this.end - this.pos} bytes that remain`);
    }
    return n;
  }

  stringLength(compact: boolean): number {
    return this.length(compact ? this.uvarint() - 1 : this.int16(), 1);
  }

  bytesLength(compact: boolean): number {
    return this.length(compact ? this.uvarint() - 1 : this.int32(), 1);
  }

  /** Array length; elements are at least minElementBytes long, which caps the count. */
  arrayLength(compact: boolean, minElementBytes = 1): number {
    return this.length(compact ? this.uvarint() - 1 : this.int32(), minElementBytes);
  }

  string(compact: boolean): string | null {
    const n = this.stringLength(compact);
    if (n < 0) return null;
    const s = n <= CACHED_STRING_BYTES ? cachedString(this.buf, this.pos, n) : this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** Bytes as a view into the frame (no copy). */
  bytes(compact: boolean): Buffer | null {
    const n = this.bytesLength(compact);
    if (n < 0) return null;
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** Skips a tagged-field section, for structs that know no tags in this version. */
  skipTaggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      this.skip(this.uvarint());
    }
  }
}
