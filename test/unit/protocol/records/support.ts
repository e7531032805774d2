// Shared pieces of the records tests: a seeded PRNG (tests stay deterministic), random records,
// and kafkajs's own record codecs as the oracle.
import { createRequire } from 'node:module';
import { CompressionType } from '../../../../protocol/compression/index.js';
import type { RecordHeader, RecordInput } from '../../../../protocol/records/record.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every run. */
export const prng = seededRandom;

export type Rand = ReturnType<typeof prng>;

export function int(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export function bytes(rand: Rand, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = int(rand, 0, 255);
  return b;
}

function maybeBytes(rand: Rand, max: number): Buffer | null {
  return rand() < 0.2 ? null : bytes(rand, int(rand, 0, max));
}

function header(rand: Rand): RecordHeader {
  return { key: `h-${int(rand, 0, 99)}-é`, value: maybeBytes(rand, 20) };
}

export function randomRecords(rand: Rand, count: number, baseTimestamp = 1_700_000_000_000): RecordInput[] {
  const records: RecordInput[] = [];
  for (let i = 0; i < count; i++) {
    const headers = Array.from({ length: int(rand, 0, 3) }, () => header(rand));
    const timestamp = baseTimestamp + int(rand, -5_000, 5_000);
    records.push({ key: maybeBytes(rand, 40), value: maybeBytes(rand, 300), headers, timestamp });
  }
  return records;
}

export const GZIP = CompressionType.GZIP;
export const ALL_COMPRESSION_TYPES = Object.values(CompressionType);
/** Magic 0 and 1 know no zstd. */
export const LEGACY_COMPRESSION_TYPES = ALL_COMPRESSION_TYPES.filter((t) => t !== CompressionType.ZSTD);

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[int(rand, 0, items.length - 1)]!;
}

const require = createRequire(import.meta.url);

/** kafkajs 2.2.4's internal codecs (CommonJS), used as an independent implementation. */
export const kafkajs = {
  RecordBatch: require('kafkajs/src/protocol/recordBatch/v0').RecordBatch as (args: object) => Promise<{ buffer: Buffer }>,
  Record: require('kafkajs/src/protocol/recordBatch/record/v0') as (args: object) => unknown,
  decodeRecordBatch: require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<KafkajsBatch>,
  MessageSet: require('kafkajs/src/protocol/messageSet') as (args: object) => { buffer: Buffer },
  decodeMessageSet: require('kafkajs/src/protocol/messageSet/decoder') as (decoder: unknown, size: number) => Promise<KafkajsMessage[]>,
  Decoder: require('kafkajs/src/protocol/decoder') as new (buf: Buffer) => unknown,
  gzip: require('kafkajs/src/protocol/message/compression/gzip') as { compress(e: { buffer: Buffer }): Promise<Buffer> },
};

export interface KafkajsRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[]>;
}

export interface KafkajsBatch {
  firstOffset: string;
  inTransaction: boolean;
  isControlBatch: boolean;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  maxTimestamp: string;
  timestampType: number;
  records: KafkajsRecord[];
}

export interface KafkajsMessage {
  offset: string;
  magicByte: number;
  attributes: number;
  timestamp?: string;
  key: Buffer | null;
  value: Buffer | null;
}
