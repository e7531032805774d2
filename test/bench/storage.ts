// Storage throughput on the Node file system, in a temp directory:
//   npx tsx test/bench/storage.ts
// Appends of 1 KiB and 1 MiB batches with and without fsyncBeforeAck (one producer awaiting each
// append, and many concurrent ones sharing group-commit fsyncs), then sequential reads of the whole
// log with 1 MiB fetches, and the write-call comparison behind the FileSystem's sync/async split.
import * as nodeFs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '../../protocol/errors.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../storage/log-config.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { PartitionLog } from '../../storage/partition-log.js';
import { batchOfSize, splitBatches } from '../helpers/storage-batches.js';

const MiB = 1024 * 1024;

interface Case {
  name: string;
  batchBytes: number;
  batches: number;
  concurrency: number;
  fsyncBeforeAck: boolean;
}

const CASES: Case[] = [
  { name: '1 KiB, no fsync, 1 producer', batchBytes: 1024, batches: 200_000, concurrency: 1, fsyncBeforeAck: false },
  { name: '1 KiB, fsyncBeforeAck, 1 producer', batchBytes: 1024, batches: 2_000, concurrency: 1, fsyncBeforeAck: true },
  { name: '1 KiB, fsyncBeforeAck, 64 producers', batchBytes: 1024, batches: 100_000, concurrency: 64, fsyncBeforeAck: true },
  { name: '1 MiB, no fsync, 1 producer', batchBytes: MiB, batches: 1024, concurrency: 1, fsyncBeforeAck: false },
  { name: '1 MiB, fsyncBeforeAck, 1 producer', batchBytes: MiB, batches: 256, concurrency: 1, fsyncBeforeAck: true },
  { name: '1 MiB, fsyncBeforeAck, 8 producers', batchBytes: MiB, batches: 512, concurrency: 8, fsyncBeforeAck: true },
];

function mbPerSecond(bytes: number, ms: number): string {
  return ((bytes / MiB) / (ms / 1000)).toFixed(1);
}

async function appendCase(root: string, c: Case): Promise<{ log: PartitionLog; ms: number; bytes: number }> {
  const config: LogConfig = { ...DEFAULT_LOG_CONFIG, fsyncBeforeAck: c.fsyncBeforeAck };
  const dir = mkdtempSync(join(root, 'case-'));
  const log = await PartitionLog.create(dir, 'bench', 0, { fs: new NodeFileSystem(), config, nowMs: Date.now });
  const pool = Array.from({ length: c.concurrency }, (_, i) => batchOfSize(c.batchBytes, { fill: i }));
  const bytes = (pool[0] as Buffer).length * c.batches;
  let next = 0;
  const producer = async (buffer: Buffer): Promise<void> => {
    while (next < c.batches) {
      next++;
      await log.append(buffer, { leaderEpoch: 0 });
    }
  };
  const start = performance.now();
  await Promise.all(pool.map(producer));
  const ms = performance.now() - start;
  return { log, ms, bytes };
}

function readAll(log: PartitionLog): { ms: number; bytes: number } {
  const start = performance.now();
  let bytes = 0;
  for (let offset = 0; offset < log.logEndOffset; ) {
    const result = log.read(offset, MiB);
    if (result.errorCode !== ErrorCode.NONE) throw new Error(`read error ${result.errorCode}`);
    bytes += result.records.length;
    offset = (splitBatches(result.records).at(-1)?.lastOffset as number) + 1;
  }
  return { ms: performance.now() - start, bytes };
}

async function writeCallComparison(root: string): Promise<void> {
  const path = join(root, 'calls');
  const data = Buffer.alloc(1024, 1);
  const count = 100_000;
  const fd = nodeFs.openSync(path, 'w');
  let start = performance.now();
  for (let i = 0; i < count; i++) nodeFs.writeSync(fd, data, 0, data.length, i * data.length);
  const syncMs = performance.now() - start;
  nodeFs.closeSync(fd);
  const handle = await nodeFs.promises.open(path, 'w');
  start = performance.now();
  for (let i = 0; i < count; i++) await handle.write(data, 0, data.length, i * data.length);
  const asyncMs = performance.now() - start;
  await handle.close();
  console.log(`write call, 1 KiB x ${count}: writeSync ${((syncMs * 1000) / count).toFixed(2)} us/call, ` +
    `fs.promises write ${((asyncMs * 1000) / count).toFixed(2)} us/call`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kraftling-bench-'));
  try {
    await writeCallComparison(root);
    for (const c of CASES) {
      const { log, ms, bytes } = await appendCase(root, c);
      const read = readAll(log);
      console.log(
        `${c.name.padEnd(38)} append ${mbPerSecond(bytes, ms).padStart(7)} MB/s ` +
          `(${Math.round(c.batches / (ms / 1000))} batches/s, ${(bytes / MiB).toFixed(0)} MiB)   ` +
          `read ${mbPerSecond(read.bytes, read.ms).padStart(7)} MB/s`,
      );
      await log.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
