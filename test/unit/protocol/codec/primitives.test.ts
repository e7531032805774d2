// The reader and writer under the generated codecs: exact encodings at the edges, and the bounds
// checks that make hostile lengths fail before anything is allocated.
import { describe, expect, it } from 'vitest';
import { DecodeError, Reader } from '../../../../protocol/primitives/reader.js';
import { Writer } from '../../../../protocol/primitives/writer.js';
import { Prng } from './helpers/prng.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

const hex = (s: string): Reader => new Reader(Buffer.from(s, 'hex'));
function written(write: (w: Writer) => void): string {
  const w = new Writer(4);
  write(w);
  return w.toBuffer().toString('hex');
}

describe('Reader bounds', () => {
  it.each([
    ['int16 string length 0x7fff over 2 bytes', '7fff6161', (r: Reader) => r.string(false)],
    ['int32 bytes length 2^31-1', '7fffffff00', (r: Reader) => r.bytes(false)],
    ['int32 array length 2^31-1', '7fffffff', (r: Reader) => r.arrayLength(false, 1)],
    ['compact array of 2^32-2 elements', 'ffffffff0f', (r: Reader) => r.arrayLength(true, 1)],
    ['array whose elements cannot fit: 3 int32s in 8 bytes', '000000030000000000000000', (r: Reader) => r.arrayLength(false, 4)],
    ['compact bytes longer than what remains', '0a0102', (r: Reader) => r.bytes(true)],
    ['negative length other than -1', 'fffe', (r: Reader) => r.string(false)],
    ['varint longer than 5 bytes', '8080808080', (r: Reader) => r.uvarint()],
    ['varlong longer than 10 bytes', '80808080808080808080', (r: Reader) => r.varlong()],
    ['tagged field larger than what remains', '010005aa', (r: Reader) => r.skipTaggedFields()],
    ['int64 cut short', '00000000000000', (r: Reader) => r.int64()],
    ['uuid cut short', '00'.repeat(15), (r: Reader) => r.uuid()],
  ])('%s throws DecodeError', (_what, input, read) => {
    expect(() => read(hex(input))).toThrow(DecodeError);
  });

  it('reads no varint byte past the end of a sub-reader, on the one- and two-byte fast paths too', () => {
    // 0x80 0x01 is 128: cut after its first byte, it is a varint that does not end.
    for (const read of [(r: Reader) => r.uvarint(), (r: Reader) => r.varint(), (r: Reader) => r.varlong()]) {
      expect(() => read(hex('8001').sub(1))).toThrow(DecodeError);
      expect(() => read(hex('80').sub(0))).toThrow(DecodeError);
      expect(() => read(hex('7f').sub(0))).toThrow(DecodeError);
    }
  });

  it('reads -1 lengths as null and zero lengths as empty', () => {
    expect(hex('ffff').string(false)).toBeNull();
    expect(hex('00').string(true)).toBeNull();
    expect(hex('01').string(true)).toBe('');
    expect(hex('ffffffff').bytes(false)).toBeNull();
    expect(hex('ffffffff').arrayLength(false)).toBe(-1);
  });

  it('reads bytes as a view into the frame and stays inside a sub-reader', () => {
    const r = hex('03aabb0102');
    const sub = r.sub(3);
    expect(sub.bytes(true)!.toString('hex')).toBe('aabb');
    expect(() => sub.int8()).toThrow(DecodeError);
    expect(r.int16()).toBe(0x0102);
  });
});

describe('Reader and Writer encodings', () => {
  it.each([
    [0, '00'], [1, '01'], [127, '7f'], [128, '8001'], [300, 'ac02'], [2 ** 31, '8080808008'], [2 ** 32 - 1, 'ffffffff0f'],
  ])('unsigned varint %d is %s', (n, enc) => {
    expect(written((w) => w.uvarint(n))).toBe(enc);
    expect(hex(enc).uvarint()).toBe(n);
  });

  it('reads every varint and varlong of one to three bytes, at the end of the input and before more bytes', () => {
    const wrong: string[] = [];
    for (let n = -20_000; n <= 20_000; n++) {
      const enc = Buffer.from(written((w) => w.varint(n)), 'hex');
      for (const input of [enc, Buffer.concat([enc, Buffer.from([0xff])])]) {
        const r = new Reader(input);
        if (r.varint() !== n || r.pos !== enc.length || new Reader(input).varlong() !== n) wrong.push(`${n} from ${input.toString('hex')}`);
      }
    }
    for (let n = 0; n <= 40_000; n++) {
      const enc = Buffer.from(written((w) => w.uvarint(n)), 'hex');
      for (const input of [enc, Buffer.concat([enc, Buffer.from([0x80])])]) {
        if (new Reader(input).uvarint() !== n) wrong.push(`unsigned ${n} from ${input.toString('hex')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([[0, '00'], [-1, '01'], [1, '02'], [-64, '7f'], [64, '8001'], [-(2 ** 31), 'ffffffff0f']])('varint %d is %s', (n, enc) => {
    expect(written((w) => w.varint(n))).toBe(enc);
    expect(hex(enc).varint()).toBe(n);
  });

  it.each([
    [0, '0000000000000000'], [-1, 'ffffffffffffffff'], [2 ** 32, '0000000100000000'], [-(2 ** 32), 'ffffffff00000000'],
    [Number.MAX_SAFE_INTEGER, '001fffffffffffff'], [Number.MIN_SAFE_INTEGER, 'ffe0000000000001'],
  ])('int64 %d is %s', (n, enc) => {
    expect(written((w) => w.int64(n))).toBe(enc);
    expect(hex(enc).int64()).toBe(n);
  });

  it.each([[0, '00'], [-1, '01'], [Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'], [Number.MIN_SAFE_INTEGER, 'fdffffffffffff1f']])(
    'varlong %d is %s', (n, enc) => {
      expect(written((w) => w.varlong(n))).toBe(enc);
      expect(hex(enc).varlong()).toBe(n);
    });

  it('matches a BigInt zigzag reference for varlongs of every magnitude', () => {
    const rng = new Prng(53);
    for (let i = 0; i < 3000; i++) {
      const n = rng.between(-(2 ** rng.below(54)), 2 ** rng.below(54)) % Number.MAX_SAFE_INTEGER + 0;
      let z = BigInt(n) >= 0n ? BigInt(n) * 2n : -BigInt(n) * 2n - 1n;
      let reference = '';
      do {
        const digit = Number(z & 0x7fn);
        z >>= 7n;
        reference += (z > 0n ? digit | 0x80 : digit).toString(16).padStart(2, '0');
      } while (z > 0n);
      expect(written((w) => w.varlong(n)), `varlong ${n}`).toBe(reference);
      expect(hex(reference).varlong(), `varlong ${n}`).toBe(n);
    }
  });

  it('writes int16 and uint16 at their edges', () => {
    expect(written((w) => { w.int16(-32768); w.uint16(65535); w.int8(-128); })).toBe('8000ffff80');
    const r = hex('8000ffff80');
    expect([r.int16(), r.uint16(), r.int8()]).toEqual([-32768, 65535, -128]);
  });

  it('writes and reads short and long strings, ASCII or not, as Buffer encodes and decodes them (seeded)', () => {
    const random = seededRandom(0x57a1);
    const alphabet = ['a', 'b', 'Z', '-', '.', '_', '0', 'é', '€', '😀', '\u007f', '\u0080'];
    const wrong: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const length = random() < 0.8 ? Math.floor(random() * 70) : 100 + Math.floor(random() * 200);
      const ascii = random() < 0.7;
      const v = Array.from({ length }, () => alphabet[Math.floor(random() * (ascii ? 7 : alphabet.length))]).join('');
      for (const compact of [true, false]) {
        const bytes = Buffer.from(v, 'utf8');
        const prefix = compact ? written((w) => w.uvarint(bytes.length + 1)) : written((w) => w.int16(bytes.length));
        const enc = written((w) => w.string(v, compact));
        if (enc !== prefix + bytes.toString('hex')) wrong.push(`wrote ${JSON.stringify(v)} compact=${compact}`);
        if (hex(enc).string(compact) !== v) wrong.push(`read ${JSON.stringify(v)} compact=${compact}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reads strings that share a length and their first, middle and last bytes apart, and bytes that are not UTF-8 as Buffer does', () => {
    // The decoded-string cache is keyed by those: each of these must still read as itself.
    const names = Array.from({ length: 300 }, (_, i) => `t-${String(i).padStart(3, '0')}x-t`);
    for (let round = 0; round < 3; round++) {
      for (const name of names) expect(hex(written((w) => w.string(name, true))).string(true)).toBe(name);
    }
    for (const bytes of ['ff', 'c3', 'c3a9', 'e282ac', '61ff62', '80', 'f09f9880']) {
      const input = Buffer.concat([Buffer.from([bytes.length / 2 + 1]), Buffer.from(bytes, 'hex')]);
      for (let round = 0; round < 2; round++) expect(new Reader(input).string(true)).toBe(Buffer.from(bytes, 'hex').toString('utf8'));
    }
  });

  it('writes UTF-8 byte lengths, not UTF-16 lengths', () => {
    expect(written((w) => w.string('é😀', false))).toBe('0006c3a9f09f9880');
    expect(written((w) => w.string('é😀', true))).toBe('07c3a9f09f9880');
  });

  it("refuses a string longer than Kafka's 32767 bytes instead of wrapping its length", () => {
    expect(() => written((w) => w.string('a'.repeat(0x8000), false))).toThrow(RangeError);
    expect(written((w) => w.string('a'.repeat(0x7fff), false)).slice(0, 4)).toBe('7fff');
  });

  it('round-trips a Kafka Uuid and rejects what is not one', () => {
    const id = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64url');
    expect(written((w) => w.uuid(id))).toBe('00112233445566778899aabbccddeeff');
    expect(hex('00112233445566778899aabbccddeeff').uuid()).toBe(id);
    expect(() => written((w) => w.uuid('not-a-uuid'))).toThrow(TypeError);
  });

  it('decodes every Uuid right in any order: repeated, alternating, differing in one bit, all zero (seeded)', () => {
    const prng = new Prng(0x0dd);
    const pool = Array.from({ length: 6 }, () => prng.bytes(16));
    // Near misses of the cached ids: one bit apart, in each of the four words.
    for (const bit of [0, 37, 70, 127]) {
      const near = Buffer.from(pool[0]!);
      near[bit >> 3] = near[bit >> 3]! ^ (1 << (bit & 7));
      pool.push(near);
    }
    pool.push(Buffer.alloc(16), Buffer.alloc(16, 0xff));
    for (let i = 0; i < 4_000; i++) {
      // Fresh ids too: the text of a new id is built by the reader's own base64url encoder.
      const bytes = prng.chance(0.5) ? prng.bytes(16) : prng.pick(pool);
      expect(new Reader(bytes).uuid()).toBe(bytes.toString('base64url'));
    }
  });

  it('encodes every Uuid right in any order, and after one that is refused (seeded)', () => {
    const prng = new Prng(0x0ee);
    const pool = Array.from({ length: 4 }, () => prng.bytes(16).toString('base64url'));
    for (let i = 0; i < 500; i++) {
      const id = prng.pick(pool);
      // A refused id (cut short) of another pool entry: its bytes must not stand in for the last one's.
      if (prng.chance(0.2)) expect(() => written((w) => w.uuid(`${prng.pick(pool).slice(0, 21)}!`))).toThrow(TypeError);
      expect(Buffer.from(written((w) => w.uuid(id)), 'hex').toString('base64url')).toBe(id);
    }
  });
});

describe('Writer chunks', () => {
  it('references large byte fields, keeps order, and patches the size prefix', () => {
    const big = Buffer.alloc(5000, 7);
    const w = new Writer(8);
    w.int32(0);
    w.bytes(big, false);
    w.int16(0x0102);
    w.patchInt32AtStart(w.length - 4);
    const buffers = w.toBuffers();
    expect(buffers).toContain(big);
    const all = w.toBuffer();
    expect(all.length).toBe(4 + 4 + 5000 + 2);
    expect(all.readInt32BE(0)).toBe(all.length - 4);
    expect(all.readInt32BE(4)).toBe(5000);
    expect(all.readInt16BE(all.length - 2)).toBe(0x0102);
  });
});
