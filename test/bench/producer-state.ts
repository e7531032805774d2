// Producer-state costs on the Node file system, in a temp directory:
//   npx tsx test/bench/producer-state.ts
// 64,000 batches of 1 KiB from 10,000 idempotent producers in one 64 MiB segment, then: the
// clean-shutdown snapshot (close), loading the state from it at first use after a clean restart,
// and the worst case after a crash: no snapshot at the end, so the whole active segment's batch
// headers are walked (when the log opens, as the walk is over 1 MiB). Also appends with 64 KiB segments, so every roll writes a snapshot, from 10
// and from 10,000 producers (a 460 KB snapshot per roll).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../storage/log-config.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { PartitionLog } from '../../storage/partition-log.js';

const PRODUCERS = 10_000;
const BATCHES = 64_000;
const fs = new NodeFileSystem();
const nowMs = Date.now;

function batch(n: number, producers: number): Buffer {
  const value = Buffer.alloc(900, n & 0xff);
  return encodeRecordBatch({ producerId: n % producers, producerEpoch: 0, baseSequence: Math.floor(n / producers), records: [{ key: null, value, timestamp: Date.now() }] });
}

async function fill(root: string, config: LogConfig, producers = PRODUCERS): Promise<{ log: PartitionLog; ms: number }> {
  const log = await PartitionLog.create(root, 'bench', 0, { fs, config, nowMs });
  const start = performance.now();
  for (let n = 0; n < BATCHES; n++) await log.append(batch(n, producers), { leaderEpoch: 0 });
  return { log, ms: performance.now() - start };
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kraftling-producer-state-'));
  try {
    const config = { ...DEFAULT_LOG_CONFIG, segmentBytes: 64 << 20 };
    const { log } = await fill(join(root, 'big'), config);
    const dir = log.dir;
    let start = performance.now();
    await log.close();
    console.log(`close with the snapshot of ${PRODUCERS} producers: ${(performance.now() - start).toFixed(1)} ms`);
    const open = (): Promise<PartitionLog> => PartitionLog.open(dir, 'bench', 0, { fs, config, nowMs, hadCleanShutdown: true }).then((o) => o.log);
    const clean = await open();
    console.log(`load from the snapshot at first use: ${timed(() => clean.producerEntry(1)).ms.toFixed(1)} ms`);
    await clean.close();
    for (const name of fs.readdir(dir)) if (name.endsWith('.snapshot')) fs.unlink(join(dir, name));
    start = performance.now();
    const bare = await open();
    bare.producerEntry(1);
    const mib = (bare.sizeBytes / (1 << 20)).toFixed(1);
    console.log(`open and load without a snapshot (walk of ${BATCHES} batch headers, ${mib} MiB): ${(performance.now() - start).toFixed(1)} ms`);
    await bare.close();
    start = performance.now();
    await open();
    console.log(`open of the same log (indexes trusted after the clean close): ${(performance.now() - start).toFixed(1)} ms`);

    for (const producers of [10, PRODUCERS]) {
      const rolling = await fill(join(root, `rolling-${producers}`), { ...DEFAULT_LOG_CONFIG, segmentBytes: 64 << 10 }, producers);
      const rolls = rolling.log.segmentBaseOffsets().length - 1;
      console.log(`${BATCHES} appends from ${producers} producers with ${rolls} rolls (a snapshot each): ${rolling.ms.toFixed(0)} ms`);
      await rolling.log.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
