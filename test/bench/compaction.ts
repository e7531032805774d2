// The log cleaner beside appends, on the Node file system in a temp directory:
//   npx tsx test/bench/compaction.ts
// A compacted log of 64 MiB (64,000 batches of one 1 KiB record over 2,000 keys, 1 MiB segments) is
// cleaned while one-record appends run one per turn of the event loop on the same log; the same appends without a
// cleaning give the baseline. Prints append latency percentiles, the event loop's worst delay, the
// pass's duration and the bytes before and after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { LogCleanerManager } from '../../storage/log-cleaner-manager.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../storage/log-config.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { PartitionLog } from '../../storage/partition-log.js';

const BATCHES = 64_000;
const KEYS = 2_000;
const fs = new NodeFileSystem();
const nowMs = Date.now;
const config: LogConfig = {
  ...DEFAULT_LOG_CONFIG, segmentBytes: 1 << 20,
  compaction: { deleteRetentionMs: 86_400_000, minCleanableDirtyRatio: 0.5, minCompactionLagMs: 0, maxCompactionLagMs: Number.MAX_SAFE_INTEGER },
};

function batch(n: number): Buffer {
  return encodeRecordBatch({ records: [{ key: Buffer.from(`key-${n % KEYS}`), value: Buffer.alloc(1000, n & 0xff), timestamp: Date.now() }] });
}

/** Appends one at a time, each on a new turn of the event loop (as produce requests arrive), until
 * `until` resolves; returns each append's latency in ms. */
async function appendsUntil(log: PartitionLog, until: Promise<unknown>, start: number): Promise<number[]> {
  let done = false;
  void until.then(() => { done = true; });
  const latencies: number[] = [];
  for (let n = start; !done; n++) {
    const t = performance.now();
    await log.append(batch(n), { leaderEpoch: 0 });
    latencies.push(performance.now() - t);
    await new Promise((r) => setImmediate(r));
  }
  return latencies;
}

function percentiles(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3);
  return `n=${sorted.length} p50=${at(0.5)} ms p99=${at(0.99)} ms p99.9=${at(0.999)} ms max=${(sorted.at(-1) ?? 0).toFixed(3)} ms`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kraftling-compaction-'));
  try {
    const log = await PartitionLog.create(root, 'bench', 0, { fs, config, nowMs });
    for (let n = 0; n < BATCHES; n++) await log.append(batch(n), { leaderEpoch: 0 });
    log.updateHighWatermark(log.logEndOffset);
    const before = log.sizeBytes;
    let delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const baseline = await appendsUntil(log, new Promise((r) => setTimeout(r, 3000)), BATCHES);
    delay.disable();
    console.log(`appends alone:           ${percentiles(baseline)}, event loop delay max ${(delay.max / 1e6).toFixed(1)} ms`);
    log.updateHighWatermark(log.logEndOffset);
    delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    const cleaning = new LogCleanerManager({ maxMapEntries: 1_000_000 }).cleanOnce([log], Date.now());
    const during = await appendsUntil(log, cleaning, BATCHES * 2);
    const result = await cleaning;
    delay.disable();
    console.log(`appends during cleaning: ${percentiles(during)}`);
    console.log(`cleaning pass: ${(performance.now() - started).toFixed(0)} ms, ${before} bytes -> ${log.sizeBytes} bytes `
      + `(pass: ${result?.bytesBefore} -> ${result?.bytesAfter}), event loop delay max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
    await log.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
