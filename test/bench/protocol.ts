// Throughput of the record paths the broker runs on every produce and fetch: CRC-32C, header-only
// batch validation (the produce hot path) and full decode, on a 1 KiB and a 1 MiB batch.
// Run with `npx tsx test/bench/protocol.ts`. MB here is 10^6 bytes.
import { pathToFileURL } from 'node:url';
import { validateRecordBatches } from '../../protocol/records/batch-validation.js';
import { crc32c } from '../../protocol/records/crc32c.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { RecordInput } from '../../protocol/records/record.js';

export interface BenchFigure {
  name: string;
  batchBytes: number;
  mbPerSec: number;
}

const MIN_RUN_MS = 300;

/** A batch of about `targetBytes`: records of ~100-byte values and short keys, one header each. */
function batchOf(targetBytes: number, valueBytes: number): Buffer {
  const records: RecordInput[] = [];
  const value = Buffer.alloc(valueBytes, 0x61);
  const perRecord = valueBytes + 30;
  for (let i = 0; i * perRecord < targetBytes - 61; i++) {
    records.push({ key: Buffer.from(`key-${i}`), value, headers: [{ key: 'trace', value: Buffer.from('t') }], timestamp: 1_700_000_000_000 + i });
  }
  return encodeRecordBatch({ producerId: 1, producerEpoch: 0, baseSequence: 0, records });
}

/** Runs `op` over `bytes` until MIN_RUN_MS have passed (after a warm-up) and returns MB/s. */
function measure(bytes: number, op: () => void): number {
  for (let i = 0; i < 50; i++) op();
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  do {
    for (let i = 0; i < 20; i++) op();
    rounds += 20;
    elapsedNs = process.hrtime.bigint() - start;
  } while (elapsedNs < BigInt(MIN_RUN_MS) * 1_000_000n);
  return (bytes * rounds) / (Number(elapsedNs) / 1e9) / 1e6;
}

export async function runProtocolBench(log: (line: string) => void = console.log): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const batches: [string, Buffer][] = [
    ['1 KiB', batchOf(1024, 100)],
    ['1 MiB', batchOf(1024 * 1024, 1000)],
  ];
  for (const [label, batch] of batches) {
    const ops: [string, () => void][] = [
      ['crc32c', () => crc32c(batch, 21)],
      ['validate', () => validateRecordBatches(batch)],
      ['decode', () => decodeRecordBatch(batch)],
    ];
    for (const [name, op] of ops) {
      const mbPerSec = measure(batch.length, op);
      figures.push({ name, batchBytes: batch.length, mbPerSec });
      log(`${name.padEnd(9)} ${label} batch (${batch.length} bytes): ${mbPerSec.toFixed(0).padStart(6)} MB/s`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return figures;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runProtocolBench();
}
