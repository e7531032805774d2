// Growable writer. Large byte fields (record batches read from disk) are not copied: the writer
// keeps them as their own chunks, so a Fetch response goes to the socket as a list of buffers.

const TWO_32 = 4294967296;

/** The Uuid written last, as text and bytes. */
const lastUuid = { text: '', bytes: Buffer.alloc(16) };
/** Byte fields at least this long are referenced, not copied. */
export const ZERO_COPY_BYTES = 4096;
const MAX_STRING_BYTES = 0x7fff;

/** Strings up to this many characters are tried as ASCII first (a compact length prefix of one byte). */
const SHORT_STRING_CHARS = 126;

export class Writer {
  private buf: Buffer;
  private pos = 0;
  /** Start in `buf` of the bytes not yet moved to `chunks`. */
  private start = 0;
  private readonly chunks: Buffer[] = [];
  private chunkBytes = 0;

  constructor(initialBytes = 256) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.chunkBytes + this.pos - this.start;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const live = this.pos - this.start;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, live + n, 256));
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = live;
  }

  bool(v: boolean): void {
    this.int8(v ? 1 : 0);
  }

  int8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  int16(v: number): void {
    this.ensure(2);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >> 8) & 0xff;
    b[p + 1] = v & 0xff;
    this.pos = p + 2;
  }

  uint16(v: number): void {
    this.int16(v);
  }

  int32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.pos = p + 4;
  }

  uint32(v: number): void {
    this.int32(v >>> 0);
  }

  int64(v: number): void {
    const hi = Math.floor(v / TWO_32);
    this.int32(hi | 0);
    this.int32((v - hi * TWO_32) >>> 0);
  }

  float64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  /** A Kafka Uuid from its string form. The last one's bytes are kept: a topic's partition records
   * (100,000 PartitionChangeRecords when a broker leads again) carry the same id one after another. */
  uuid(v: string): void {
    this.ensure(16);
    if (v !== lastUuid.text) {
      const n = lastUuid.bytes.write(v, 0, 16, 'base64url');
      if (n !== 16 || v.length !== 22) {
        lastUuid.text = '';
        throw new TypeError(`not a Kafka Uuid: ${JSON.stringify(v)}`);
      }
      lastUuid.text = v;
    }
    const b = this.buf;
    const from = lastUuid.bytes;
    for (let i = 0, p = this.pos; i < 16; i++) b[p + i] = from[i]!;
    this.pos += 16;
  }

  uvarint(v: number): void {
    this.ensure(5);
    let x = v >>> 0;
    const b = this.buf;
    while (x >= 0x80) {
      b[this.pos++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    b[this.pos++] = x;
  }

  varint(v: number): void {
    this.uvarint((v << 1) ^ (v >> 31));
  }

  /** Zigzag varlong of a number (exact within +-2^53). */
  varlong(v: number): void {
    this.ensure(10);
    // The zigzag value 2|v| - 1 of a negative v can pass 2^53, where doubles lose the low bit, so
    // encode |v| (minus one when negative) shifted left by one, with the sign as the lowest bit.
    const negative = v < 0;
    let rest = negative ? -v - 1 : v;
    let digit = (rest % 64) * 2 + (negative ? 1 : 0);
    rest = Math.floor(rest / 64);
    const b = this.buf;
    while (rest > 0) {
      b[this.pos++] = digit | 0x80;
      digit = rest % 128;
      rest = Math.floor(rest / 128);
    }
    b[this.pos++] = digit;
  }

  string(v: string | null, compact: boolean): void {
    if (v === null) {
      if (compact) this.uvarint(0);
      else this.int16(-1);
      return;
    }
    if (v.length <= SHORT_STRING_CHARS && this.asciiString(v, compact)) return;
    const n = Buffer.byteLength(v, 'utf8');
    // Kafka caps every string field at 32767 bytes, compact or not; past that an int16 length wraps.
    if (n > MAX_STRING_BYTES) throw new RangeError(`string of ${n} bytes is longer than Kafka's ${MAX_STRING_BYTES}`);
    if (compact) this.uvarint(n + 1);
    else this.int16(n);
    this.ensure(n);
    this.buf.write(v, this.pos, n, 'utf8');
    this.pos += n;
  }

  /** A short string of ASCII characters, written byte by byte: topic names, client and member
   * ids. Buffer.byteLength and Buffer.write cost two calls into C++ (280-310 ns for 15 characters
   * against 80-120 ns here). False, having written nothing, at the first other character. */
  private asciiString(v: string, compact: boolean): boolean {
    const n = v.length;
    this.ensure(n + 2);
    const b = this.buf;
    // The length prefix is one byte compact (n + 1 <= 127), two otherwise.
    const at = this.pos + (compact ? 1 : 2);
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0x80) return false;
      b[at + i] = c;
    }
    if (compact) b[this.pos] = n + 1;
    else {
      b[this.pos] = 0;
      b[this.pos + 1] = n;
    }
    this.pos = at + n;
    return true;
  }

  bytes(v: Buffer | Uint8Array | null, compact: boolean): void {
    if (v === null) {
      if (compact) this.uvarint(0);
      else this.int32(-1);
      return;
    }
    if (compact) this.uvarint(v.length + 1);
    else this.int32(v.length);
    this.raw(v);
  }

  arrayLength(n: number | null, compact: boolean): void {
    if (n === null) {
      if (compact) this.uvarint(0);
      else this.int32(-1);
    } else if (compact) this.uvarint(n + 1);
    else this.int32(n);
  }

  /** Raw bytes: copied when small, referenced as a chunk when large. */
  raw(v: Buffer | Uint8Array): void {
    if (v.length >= ZERO_COPY_BYTES) {
      if (this.pos > this.start) {
        this.chunks.push(this.buf.subarray(this.start, this.pos));
        this.chunkBytes += this.pos - this.start;
        this.start = this.pos;
      }
      this.chunks.push(Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.length));
      this.chunkBytes += v.length;
      return;
    }
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  /** Overwrites 4 bytes at the very start of the output (a frame's size prefix). */
  patchInt32AtStart(v: number): void {
    if (this.chunks.length > 0) this.chunks[0]!.writeInt32BE(v, 0);
    else this.buf.writeInt32BE(v, this.start);
  }

  /** The output as a list of buffers, for writev. */
  toBuffers(): Buffer[] {
    if (this.pos === this.start) return this.chunks.slice();
    const last = this.buf.subarray(this.start, this.pos);
    if (this.chunks.length === 0) return [last];
    return [...this.chunks, last];
  }

  /** The output as one buffer (copies only when there are several chunks). */
  toBuffer(): Buffer {
    if (this.chunks.length === 0) return this.buf.subarray(this.start, this.pos);
    return Buffer.concat(this.toBuffers(), this.length);
  }
}
