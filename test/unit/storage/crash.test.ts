// Seeded crash tests on the in-memory file system: appends (some concurrent), flushes, truncations,
// retention, then a power cut at a random moment (in-flight syncs lost, unsynced tails dropped or torn), then
// recovery. After every crash: each synced batch is back byte for byte at its offset, the log is a
// prefix of what was written (nothing after a torn write), and offsets continue from there, and the
// producer state (loaded from producer snapshots plus the log) names each producer's last batch. Odd
// seeds run the log through a handle cache of 3 descriptors, so files are closed and reopened
// under every operation.
// Replay one seed: npx vitest run test/unit/storage/crash.test.ts -t "seed 17$"
import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../../storage/file-system.js';
import { HandleCache } from '../../../storage/handle-cache.js';
import { KillableFileSystem } from '../../../storage/killable-file-system.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import type { LogConfig } from '../../../storage/log-config.js';
import { encodeTestBatch, seededRandom, splitBatches } from '../../helpers/storage-batches.js';
import { createTestLog, readAllBatches, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';
import { CountingFileSystem } from './counting-file-system.js';

const SEED_COUNT = Number(process.env.STORAGE_CRASH_SEEDS ?? 60);
const CRASHES_PER_SEED = 4;

class Model {
  /** Batches handed to append(), in call order: the log writes them in this order. */
  issued: Buffer[] = [];
  /** How many of the written batches are known to be synced. */
  syncedCount = 0;
  /** Bumped by a crash: callbacks of the dead log must not touch the model. */
  generation = 0;
  /** Idempotent producers' next sequences: some batches carry one of them. */
  sequences = new Map<number, number>();

  written(): Buffer[] {
    // Test batches start with base offset -1; the log sets the assigned offset in place.
    return this.issued.filter((b) => b.readBigInt64BE(0) >= 0n);
  }

  markSynced(count: number, generation: number): void {
    if (generation === this.generation) this.syncedCount = Math.max(this.syncedCount, count);
  }
}

function readAll(log: PartitionLog): Buffer[] {
  return readAllBatches(log).map((b) => b.bytes);
}

function randomBatch(random: () => number, segmentBytes: number, sequences: Map<number, number>): Buffer {
  const big = random() < 0.05;
  const id = random() < 0.3 ? 1 + Math.floor(random() * 3) : -1;
  const recordCount = big ? 1 : 1 + Math.floor(random() * 5);
  const baseSequence = sequences.get(id) ?? 0;
  if (id >= 0) sequences.set(id, baseSequence + recordCount);
  return encodeTestBatch({
    producer: id >= 0 ? { id, epoch: 0, baseSequence } : undefined,
    baseOffset: -1,
    recordCount,
    valueBytes: big ? segmentBytes - 200 - Math.floor(random() * 1000) : 10 + Math.floor(random() * 400),
    fill: Math.floor(random() * 256),
    // Near the test clock: older producers would have expired (producer.id.expiration.ms).
    baseTimestampMs: 1_700_000_000_000 - Math.floor(random() * 1000),
  });
}

/** Runs a burst of operations; returns the promises still in flight (for a crash to cut). */
async function runBurst(log: PartitionLog, model: Model, random: () => number, config: LogConfig): Promise<Promise<unknown>[]> {
  const inFlight: Promise<unknown>[] = [];
  const operations = 5 + Math.floor(random() * 30);
  for (let i = 0; i < operations; i++) {
    const r = random();
    if (r < 0.75) {
      const batch = randomBatch(random, config.segmentBytes, model.sequences);
      model.issued.push(batch);
      const generation = model.generation;
      const appended = log.append(batch, { leaderEpoch: 1 }).then(() => {
        if (config.fsyncBeforeAck) model.markSynced(model.written().indexOf(batch) + 1, generation);
      });
      inFlight.push(appended);
    } else if (r < 0.9) {
      const generation = model.generation;
      inFlight.push(Promise.resolve().then(async () => {
        // A batch has its offset once its append runs, but is written only after a pending roll.
        const count = model.written().filter((b) => b.readBigInt64BE(0) < BigInt(log.logEndOffset)).length;
        await log.flush();
        model.markSynced(count, generation);
      }));
    } else if (r < 0.92) {
      await Promise.all(inFlight.splice(0));
      log.updateHighWatermark(log.logEndOffset);
      await log.deleteOldSegments();
      const kept = model.written().filter((b) => b.readBigInt64BE(0) >= BigInt(log.logStartOffset));
      model.syncedCount = Math.max(0, model.syncedCount - (model.written().length - kept.length));
      model.issued = kept;
    } else if (r < 0.96) {
      await Promise.all(inFlight.splice(0));
      const target = Math.floor(random() * (log.logEndOffset + 1));
      if (target < log.logEndOffset) {
        await log.truncateTo(target);
        model.issued = model.written().filter((b) => b.readBigInt64BE(0) < BigInt(log.logEndOffset));
        model.syncedCount = model.issued.length;
      }
    } else {
      await Promise.all(inFlight.splice(0));
    }
    if (random() < 0.3) await Promise.resolve();
  }
  return inFlight;
}

/** Each producer with a batch in the log has that batch as its last in the producer state. */
function expectProducerState(log: PartitionLog, batches: Buffer[]): void {
  const lastByProducer = new Map<number, Buffer>();
  for (const b of batches) if (b.readBigInt64BE(43) >= 0n) lastByProducer.set(Number(b.readBigInt64BE(43)), b);
  for (const [id, b] of lastByProducer) {
    const last = log.producerEntry(id)?.batches.at(-1);
    expect(last, `producer ${id}`).toMatchObject({ firstSeq: b.readInt32BE(53), firstOffset: Number(b.readBigInt64BE(0)) });
  }
  for (const id of [1, 2, 3]) expect(log.producerEntry(id)?.batches.at(-1)?.lastOffset ?? -1).toBeLessThan(log.logEndOffset);
}

const CACHED_DESCRIPTORS = 3;

async function crashAndRecover(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const fs = new MemoryFileSystem();
  const lives: CountingFileSystem[] = [];
  let life: KillableFileSystem | undefined;
  // A crash ends the process and its cache with it: each life of the log gets a new one. What the
  // dead life still had running (a roll's producer snapshot after an await) must not write after
  // the power cut, as no process does after it died.
  const files = (): FileSystem => {
    life = new KillableFileSystem(fs);
    if (seed % 2 === 0) return life;
    lives.push(new CountingFileSystem(life, CACHED_DESCRIPTORS));
    return new HandleCache(lives.at(-1) as CountingFileSystem, CACHED_DESCRIPTORS);
  };
  const config = testConfig({
    segmentBytes: 4096 + Math.floor(random() * 8192),
    indexIntervalBytes: 128 + Math.floor(random() * 1024),
    fsyncBeforeAck: random() < 0.5,
    retentionBytes: random() < 0.5 ? -1 : 8192 + Math.floor(random() * 32768),
  });
  let log = await createTestLog(files(), config);
  const model = new Model();
  for (let crash = 0; crash < CRASHES_PER_SEED; crash++) {
    const inFlight = await runBurst(log, model, random, config);
    if (random() < 0.5) await Promise.all(inFlight);
    for (const pending of inFlight) pending.catch(() => undefined);
    const recoveryPoint = random() < 0.5 ? log.recoveryPoint : 0;
    life?.kill();
    fs.crash(random() < 0.5 ? { random } : {});
    model.generation++;

    const reopened = await reopenTestLog(files(), config, { hadCleanShutdown: false, recoveryPoint });
    log = reopened.log;
    expect(reopened.events.filter((e) => e.kind === 'tailTruncated').length).toBeLessThanOrEqual(1);
    const recovered = readAll(log);
    const written = model.written();
    expect(recovered.length).toBeGreaterThanOrEqual(model.syncedCount);
    expect(recovered.length).toBeLessThanOrEqual(written.length);
    recovered.forEach((batch, i) => expect(batch.equals(written[i] as Buffer), `batch ${i} differs`).toBe(true));
    const last = recovered.at(-1);
    expect(log.logEndOffset).toBe(last === undefined ? log.logStartOffset : (splitBatches(last)[0]?.lastOffset as number) + 1);
    expectProducerState(log, recovered);
    model.issued = written.slice(0, recovered.length);
    model.syncedCount = recovered.length;
  }
  expect(lives.flatMap((life) => life.violations)).toEqual([]);
}

describe('crash recovery on the in-memory file system', () => {
  it.each(Array.from({ length: SEED_COUNT }, (_, i) => i))('seed %i', async (seed) => {
    await crashAndRecover(seed);
  });
});
