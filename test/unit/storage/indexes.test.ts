import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { OffsetIndex } from '../../../storage/offset-index.js';
import { PartitionDir } from '../../../storage/partition-dir.js';
import { TimeIndex } from '../../../storage/time-index.js';
import { formatCheckpoint, parseCheckpoint, parseCount, parseOffsetLines, type OffsetLines } from '../../../storage/checkpoint-file.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { offsetFileName, parseOffsetFileName, parsePartitionDirName } from '../../../storage/file-names.js';

describe('OffsetIndex', () => {
  it('stores int32 relative offsets and positions, looks up the greatest entry at or below', async () => {
    const fs = new MemoryFileSystem();
    const index = OffsetIndex.empty(new PartitionDir(fs, '/'), '/100.index', 100, 80);
    expect(fs.stat('/100.index')).toBeUndefined();
    index.append(105, 4100);
    expect(fs.stat('/100.index')?.size).toBe(80);
    index.append(110, 8300);
    expect(index.lookup(99)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(104)).toEqual({ offset: 100, position: 0 });
    expect(index.lookup(105)).toEqual({ offset: 105, position: 4100 });
    expect(index.lookup(1000)).toEqual({ offset: 110, position: 8300 });
    await index.file.seal();
    expect(fs.readFile('/100.index').toString('hex')).toBe('00000005000010040000000a0000206c');
    index.truncateTo(110);
    expect(index.entries).toBe(1);
    expect(index.isSane(5000)).toBe(true);
    expect(index.isSane(4100)).toBe(false);
  });

  it('writes entries out a page at a time, the rest when sealed, and after a truncation from where it cut', async () => {
    const fs = new MemoryFileSystem();
    const index = OffsetIndex.empty(new PartitionDir(fs, '/'), '/0.index', 0, 1 << 20);
    const expected = (count: number, rewrittenFrom = Infinity): string => {
      const bytes = Buffer.alloc(count * 8);
      for (let i = 0; i < count; i++) {
        bytes.writeInt32BE(i + 1, i * 8);
        bytes.writeInt32BE((i + 1) * 100 + (i + 1 >= rewrittenFrom ? 1 : 0), i * 8 + 4);
      }
      return bytes.toString('hex');
    };
    for (let i = 1; i <= 511; i++) index.append(i, i * 100);
    // Preallocated, nothing written yet: one system call per entry was half of a broker's appends.
    expect(fs.readFile('/0.index').subarray(0, 511 * 8).equals(Buffer.alloc(511 * 8))).toBe(true);
    index.append(512, 51_200);
    expect(fs.readFile('/0.index').subarray(0, 512 * 8).toString('hex')).toBe(expected(512));
    for (let i = 513; i <= 520; i++) index.append(i, i * 100);
    index.truncateTo(300);
    for (let i = 300; i <= 310; i++) index.append(i, i * 100 + 1);
    expect(index.lookup(305)).toEqual({ offset: 305, position: 30_501 });
    await index.file.seal();
    expect(fs.readFile('/0.index').toString('hex')).toBe(expected(310, 300));
  });

  it('is full at segment.index.bytes / 8 entries', () => {
    const index = OffsetIndex.empty(new PartitionDir(new MemoryFileSystem(), '/'), '/0.index', 0, 20);
    index.append(1, 10);
    expect(index.isFull).toBe(false);
    index.append(2, 20);
    expect(index.isFull).toBe(true);
    expect(() => index.append(3, 30)).toThrow();
  });
});

describe('TimeIndex', () => {
  it('appends only growing timestamps and looks up the greatest at or below', async () => {
    const fs = new MemoryFileSystem();
    const index = TimeIndex.empty(new PartitionDir(fs, '/'), '/50.timeindex', 50, 120);
    index.maybeAppend(1000, 55);
    index.maybeAppend(1000, 57);
    index.maybeAppend(900, 58);
    index.maybeAppend(2000, 60);
    expect(index.entries).toBe(2);
    expect(index.lookup(999)).toEqual({ timestampMs: -1, offset: 50 });
    expect(index.lookup(1500)).toEqual({ timestampMs: 1000, offset: 55 });
    await index.file.seal();
    expect(fs.readFile('/50.timeindex').toString('hex')).toBe('00000000000003e80000000500000000000007d00000000a');
    index.truncateTo(60);
    expect(index.lastEntry()).toEqual({ timestampMs: 1000, offset: 55 });
    expect(index.isSane(56)).toBe(true);
    expect(index.isSane(55)).toBe(false);
  });
});

describe('file names and checkpoints', () => {
  it('names segments by their 20-digit base offset', () => {
    expect(offsetFileName(1234, '.log')).toBe('00000000000000001234.log');
    expect(parseOffsetFileName('00000000000000001234.timeindex', '.timeindex')).toBe(1234);
    expect(parseOffsetFileName('1234.log', '.log')).toBeUndefined();
    expect(parsePartitionDirName('my-topic-12')).toEqual({ topic: 'my-topic', partition: 12 });
    expect(parsePartitionDirName('my-topic-12.3fa9-delete')).toBeUndefined();
    expect(parsePartitionDirName('my-topic-0')).toEqual({ topic: 'my-topic', partition: 0 });
    expect(parsePartitionDirName('my-topic-07')).toBeUndefined();
  });

  it("reads and writes Kafka's checkpoint text", () => {
    const text = formatCheckpoint([['a', 0, 5], ['b', 1, 7]]).toString();
    expect(text).toBe('0\n2\na 0 5\nb 1 7\n');
    expect(parseCheckpoint(text, 3)).toEqual([['a', '0', '5'], ['b', '1', '7']]);
    expect(parseCheckpoint('0\n3\na 0 5\n', 3)).toBeUndefined();
    expect(parseCheckpoint('1\n0\n', 3)).toBeUndefined();
  });

  it('reads offset checkpoints by hand exactly as by fields: the same offsets, the same texts refused', () => {
    const byFields = (text: string): OffsetLines | undefined => {
      const entries = parseCheckpoint(text, 3);
      if (entries === undefined) return undefined;
      const out: OffsetLines = { topics: [], partitions: [], offsets: [] };
      for (const [topic, p, o] of entries) {
        const partition = parseCount(p!);
        const offset = parseCount(o!);
        if (partition === undefined || offset === undefined) return undefined;
        out.topics.push(topic!);
        out.partitions.push(partition);
        out.offsets.push(offset);
      }
      return out;
    };
    const texts = [
      '0\n2\na 0 5\nb 1 7\n', '0\n2\na 0 5\nb 1 7', '0\n0\n', '0\n0', '0\n', '0', '', '1\n0\n', '00\n0\n',
      '0\n1\na 0 5\n\n', '0\n2\na 0 5\n', '0\n1\na 0 5\nb 1 7\n', '0\n1\na 0 5 6\n', '0\n1\na 0\n', '0\n1\na  0 5\n',
      '0\n1\n 0 5\n', '0\n1\na 0 \n', '0\n1\na -1 5\n', '0\n1\na 0 5\r\n', '0\n1\na 007 0099\n', '0\n1\na 0 9007199254740993\n',
      '0\n-1\n', '0\nx\n', '0\n1\nmy-topic.x 12 345\n',
      // A topic repeated, then one it is a prefix of, then the reverse, then the empty topic.
      '0\n5\nab 0 1\nab 1 2\nabc 0 3\nab 2 4\na 0 5\n', '0\n2\n 0 1\n 1 2\n', '0\n999999\na 0 1\n',
    ];
    const random = seededRandom(11);
    const alphabet = ['a', 'b', '0', '1', '9', ' ', '\n', '-'];
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(random() * 3);
      const lines = Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(random() * 7) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
      texts.push(`0\n${random() < 0.8 ? n : Math.floor(random() * 4)}\n${lines.join('\n')}${random() < 0.7 ? '\n' : ''}`);
    }
    let accepted = 0;
    for (const text of texts) {
      const expected = byFields(text);
      if (expected !== undefined) accepted++;
      expect(parseOffsetLines(text), JSON.stringify(text)).toEqual(expected);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
