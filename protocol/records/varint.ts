// Zigzag varints written straight into a buffer whose size was computed first. Records are
// length-prefixed by the varint size of their body, so the encoder sizes everything in one pass and
// writes it in a second, with no intermediate buffers.

const TWO_31 = 2147483648;

export function sizeOfVarint(v: number): number {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  let n = 1;
  while (z >= 0x80) {
    z >>>= 7;
    n++;
  }
  return n;
}

/** Size of a zigzag varlong of a number exact within +-2^53. */
export function sizeOfVarlong(v: number): number {
  if (v >= -TWO_31 && v < TWO_31) return sizeOfVarint(v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (z >= 0x80) {
    z = Math.floor(z / 128);
    n++;
  }
  return n;
}

/** Writes a zigzag varint at pos and returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, v: number): number {
  let z = ((v << 1) ^ (v >> 31)) >>> 0;
  while (z >= 0x80) {
    buf[pos++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[pos++] = z;
  return pos;
}

/** Writes a zigzag varlong at pos and returns the position after it. */
export function writeVarlong(buf: Buffer, pos: number, v: number): number {
  if (v >= -TWO_31 && v < TWO_31) return writeVarint(buf, pos, v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  while (z >= 0x80) {
    buf[pos++] = (z % 128) | 0x80;
    z = Math.floor(z / 128);
  }
  buf[pos++] = z;
  return pos;
}
