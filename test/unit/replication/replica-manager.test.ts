// The replica manager follows metadata images: the logs of new local partitions are created many
// at once, and the partitions are hosted (usable) when applyImage resolves.
import { describe, expect, it } from 'vitest';
import { FileSystemError } from '../../../storage/errors.js';
import { LogDir, RECOVERY_SLICE_BYTES } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { applyRecords as apply, topicRecords } from '../../helpers/metadata-images.js';

const NODE_ID = 1;
const LOG_DIR = '/kafka-logs';

/** Counts fsyncs of the log directory; mkdir of the named directories fails. */
class TestFileSystem extends MemoryFileSystem {
  logDirSyncs = 0;
  readonly failing = new Set<string>();

  override mkdir(path: string): void {
    if (this.failing.has(path)) throw new FileSystemError('ENOSPC', 'mkdir', path);
    super.mkdir(path);
  }

  override syncDir(path: string): Promise<void> {
    if (path === LOG_DIR) this.logDirSyncs++;
    return super.syncDir(path);
  }
}

type SetUp = { fs: TestFileSystem; logDir: LogDir; replicas: ReplicaManager };

async function setUp(fs = new TestFileSystem()): Promise<SetUp> {
  const nowMs = (): number => 1_000;
  const { logDir } = await LogDir.open({ fs, path: LOG_DIR, nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', String(NODE_ID)]]) });
  return { fs, logDir, replicas: new ReplicaManager({ nodeId: NODE_ID, logDir, config, nowMs }) };
}

describe('ReplicaManager.applyImage', () => {
  it('hosts every local partition of a large image when it resolves, sharing directory fsyncs', async () => {
    const { fs, logDir, replicas } = await setUp();
    const syncsBefore = fs.logDirSyncs;
    const records = Array.from({ length: 20 }, (_, t) => topicRecords(`t${t}`, 100, (p) => (p % 4 === 0 ? [2] : [NODE_ID, 2])));
    const image = apply(EMPTY_IMAGE, records.flat());
    await replicas.applyImage(image, EMPTY_IMAGE);
    expect(replicas.hostedPartitions).toBe(1500);
    expect(logDir.all()).toHaveLength(1500);
    expect(fs.logDirSyncs - syncsBefore).toBeLessThan(1500 / 10);
    const hosted = replicas.lookup('t7', 33);
    expect('partition' in hosted && hosted.partition.isLeader).toBe(true);
    expect(replicas.lookup('t7', 32)).toEqual({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    const produced = await replicas.produce('t7', 33, encodeTestBatch({ baseTimestampMs: 1_000 }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    expect(produced.errorCode).toBe(ErrorCode.NONE);
  });

  it('a log that cannot be created fails the image but the other partitions are hosted', async () => {
    const fs = new TestFileSystem();
    fs.failing.add(`${LOG_DIR}/bad-3`);
    const { replicas } = await setUp(fs);
    const image = apply(EMPTY_IMAGE, [...topicRecords('good', 10, () => [NODE_ID]), ...topicRecords('bad', 10, () => [NODE_ID])]);
    await expect(replicas.applyImage(image, EMPTY_IMAGE)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(replicas.hostedPartitions).toBe(19);
    expect(replicas.lookup('bad', 3)).toEqual({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
  });

  it('deletes the logs of a removed topic', async () => {
    const { fs, logDir, replicas } = await setUp();
    const created = apply(EMPTY_IMAGE, [...topicRecords('a', 50, () => [NODE_ID]), ...topicRecords('b', 2, () => [NODE_ID])]);
    await replicas.applyImage(created, EMPTY_IMAGE);
    const topicId = created.topicsByName.get('a')!.topicId;
    const removed = apply(created, [record(MetadataRecordType.REMOVE_TOPIC, { topicId })]);
    await replicas.applyImage(removed, created);
    expect(replicas.hostedPartitions).toBe(2);
    expect(logDir.all().map((l) => l.topic)).toEqual(['b', 'b']);
    expect(fs.readdir(LOG_DIR).filter((n) => n.startsWith('a-'))).toEqual([]);
  });

  it('stops hosting and deletes a replica that a reassignment moved off this broker, failing its acks=all waits', async () => {
    const { fs, logDir, replicas } = await setUp();
    const created = apply(EMPTY_IMAGE, topicRecords('moving', 2, () => [NODE_ID, 2]));
    await replicas.applyImage(created, EMPTY_IMAGE);
    const hosted = replicas.lookup('moving', 0);
    if (!('partition' in hosted)) throw new Error('not hosted');
    const waiting = hosted.partition.waitForHighWatermark(100);
    const topicId = created.topicsByName.get('moving')!.topicId;
    // The reassignment to [2, 3] completed: replicas and ISR without this broker, 2 leads.
    const moved = apply(created, [record(MetadataRecordType.PARTITION_CHANGE, {
      partitionId: 0, topicId, isr: [2, 3], leader: 2, replicas: [2, 3], removingReplicas: [], addingReplicas: [],
      leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
    })]);
    await replicas.applyImage(moved, created);
    expect(replicas.hostedPartitions).toBe(1);
    expect(replicas.lookup('moving', 0)).toEqual({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    expect(logDir.all().map((l) => `${l.topic}-${l.partition}`)).toEqual(['moving-1']);
    expect(fs.readdir(LOG_DIR).filter((n) => n.startsWith('moving-0'))).toEqual([]);
    expect(await waiting).toBeNull(); // abandoned: leadership gone
  });
});

describe('stray logs at start', () => {
  // Either way the logs open on first use (the re-created topic's stray is replaced then); after an
  // unclean shutdown each is recovered when it opens.
  it.each(['clean', 'unclean'])('deletes logs the first image does not give this broker: deleted, re-created under another id, or moved away (%s shutdown)', async (shutdown) => {
    const fs = new TestFileSystem();
    const before = await setUp(fs);
    const mine = (p: number): number[] => (p === 0 ? [NODE_ID] : [NODE_ID, 2]);
    const first = apply(EMPTY_IMAGE, [...topicRecords('kept', 2, mine), ...topicRecords('gone', 1, mine), ...topicRecords('again', 1, mine)]);
    await before.replicas.applyImage(first, EMPTY_IMAGE);
    for (const topic of ['kept', 'gone', 'again']) {
      const p = before.replicas.lookup(topic, 0);
      if (!('partition' in p)) throw new Error(`${topic} not hosted`);
      await p.partition.log.append(encodeTestBatch({ baseTimestampMs: 1_000 }), { leaderEpoch: 0 });
    }
    if (shutdown === 'clean') await before.logDir.close();
    else await Promise.all(before.logDir.all().map((l) => l.flush()));

    // While this broker was down: 'gone' deleted, 'again' deleted and re-created (a new topic id),
    // and kept-1 moved to other brokers. The restarted broker's first image says so.
    const again = topicRecords('again', 1, mine);
    (again[0]!.data as { topicId: string }).topicId = 'AAAAAAAAAAAAAAAAAAAABA';
    for (const r of again.slice(1)) (r.data as { topicId: string }).topicId = 'AAAAAAAAAAAAAAAAAAAABA';
    const now = apply(EMPTY_IMAGE, [...topicRecords('kept', 2, (p) => (p === 0 ? [NODE_ID] : [2, 3])), ...again]);
    const after = await setUp(fs);
    const listed = (): string[] => after.logDir.partitions().map((l) => `${l.topic}-${l.partition}`).sort();
    expect(listed()).toEqual(['again-0', 'gone-0', 'kept-0', 'kept-1']);
    expect(after.logDir.unopenedCount).toBe(4);
    await after.replicas.applyImage(now, EMPTY_IMAGE);
    expect(listed()).toEqual(['again-0', 'kept-0']);
    // Nothing opened on the replay path.
    expect(after.logDir.unopenedCount).toBe(2);
    const kept = after.replicas.lookup('kept', 0);
    const recreated = after.replicas.lookup('again', 0);
    expect('partition' in kept && kept.partition.log.logEndOffset).toBeGreaterThan(0);
    // The re-created topic starts empty: the old topic's records are not its own.
    expect('partition' in recreated && recreated.partition.log.logEndOffset).toBe(0);
    // The stray's files are gone from the disk, not only from the log directory's view.
    await after.logDir.checkpoint();
    expect(fs.readdir(LOG_DIR).filter((n) => n.startsWith('again-0'))).toEqual(['again-0']);
    expect(after.replicas.openIdleLogs(10)).toBe(false);
    expect(after.logDir.unopenedCount).toBe(0);
  });
});

describe('logs opened on first use after a clean shutdown', () => {
  /** t's three partitions, a batch each, started again after a clean shutdown with t-1's only
   * segment replaced by a directory: listing works, opening the segment cannot. `beforeStop` sees
   * the first broker's replicas. */
  async function restartWithT1Unopenable(beforeStop: (replicas: ReplicaManager) => void = () => {}): Promise<SetUp> {
    const fs = new TestFileSystem();
    const before = await setUp(fs);
    const image = apply(EMPTY_IMAGE, topicRecords('t', 3, () => [NODE_ID]));
    await before.replicas.applyImage(image, EMPTY_IMAGE);
    for (const p of [0, 1, 2]) expect((await before.replicas.produce('t', p, encodeTestBatch({ baseTimestampMs: 1_000 }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 })).errorCode).toBe(0);
    beforeStop(before.replicas);
    await before.logDir.close();
    const segment = fs.readdir(`${LOG_DIR}/t-1`).find((n) => n.endsWith('.log'))!;
    fs.unlink(`${LOG_DIR}/t-1/${segment}`);
    fs.mkdir(`${LOG_DIR}/t-1/${segment}`);
    const after = await setUp(fs);
    await after.replicas.applyImage(image, EMPTY_IMAGE);
    return after;
  }

  it('opens a log at its first lookup; one that cannot be opened answers KAFKA_STORAGE_ERROR, the others serve', async () => {
    const after = await restartWithT1Unopenable();
    expect(after.logDir.unopenedCount).toBe(3);
    // A background turn whose time is spent stops after its first log.
    expect(after.replicas.openIdleLogs(10, () => false)).toBe(true);
    expect(after.logDir.unopenedCount).toBe(2);
    const t0 = after.replicas.lookup('t', 0);
    expect('partition' in t0 && t0.partition.log.logEndOffset).toBe(1);
    expect(after.logDir.unopenedCount).toBe(2);
    expect(after.replicas.lookup('t', 1)).toEqual({ errorCode: ErrorCode.KAFKA_STORAGE_ERROR });
    const produced = await after.replicas.produce('t', 1, encodeTestBatch({ baseTimestampMs: 1_000 }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    expect(produced.errorCode).toBe(ErrorCode.KAFKA_STORAGE_ERROR);
    // The background opening goes past it and opens the rest.
    while (after.replicas.openIdleLogs(1));
    expect(after.logDir.unopenedCount).toBe(0);
    const t2 = after.replicas.lookup('t', 2);
    expect('partition' in t2 && t2.partition.highWatermark).toBe(1);
  });

  it('describes the log directory (DescribeLogDirs) with the sizes of logs not opened yet, leaving out one that cannot open', async () => {
    let sizes: number[][] = [];
    const after = await restartWithT1Unopenable((replicas) => {
      sizes = replicas.describeLogDir(() => true).logs.map((l) => [l.partition, l.sizeBytes]);
    });
    expect(after.logDir.unopenedCount).toBe(3);
    const described = after.replicas.describeLogDir((_, partition) => partition !== 2);
    expect({ path: described.path, logs: described.logs.map((l) => [l.partition, l.sizeBytes]) })
      .toEqual({ path: LOG_DIR, logs: [sizes.find(([p]) => p === 0)] });
    expect(sizes.find(([p]) => p === 0)![1]).toBeGreaterThan(0);
  });
});

describe('logs still recovering after a crash', () => {
  const BATCH_BYTES = 512 * 1024;
  /** Enough for three recovery slices and a part. */
  const BATCHES = Math.ceil((3.5 * RECOVERY_SLICE_BYTES) / BATCH_BYTES);

  /** t's two partitions of BATCHES large batches each, synced, then a crash (no clean shutdown). */
  async function crashed(): Promise<SetUp> {
    const fs = new TestFileSystem();
    const before = await setUp(fs);
    const image = apply(EMPTY_IMAGE, topicRecords('t', 2, () => [NODE_ID]));
    await before.replicas.applyImage(image, EMPTY_IMAGE);
    for (const p of [0, 1]) {
      for (let i = 0; i < BATCHES; i++) {
        const produced = await before.replicas.produce('t', p, encodeTestBatch({ valueBytes: BATCH_BYTES }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
        expect(produced.errorCode).toBe(ErrorCode.NONE);
      }
    }
    await Promise.all(before.logDir.all().map((l) => l.flush()));
    fs.crash();
    const after = await setUp(fs);
    await after.replicas.applyImage(image, EMPTY_IMAGE);
    return after;
  }

  it('answers a client NOT_LEADER_OR_FOLLOWER a slice at a time, the background opening recovers that log first, and a coordinator\'s load waits a turn per slice', async () => {
    const { replicas, logDir } = await crashed();
    // The client asks for t-1, which the background opening would reach second.
    expect(replicas.lookup('t', 1)).toEqual({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    for (let turns = 0; logDir.lazy('t', 1) === 'unopened'; turns++) {
      expect(turns).toBeLessThan(2 * BATCHES);
      replicas.openIdleLogs(1, () => false);
    }
    expect(logDir.lazy('t', 0)).toBe('unopened');
    const t1 = replicas.lookup('t', 1);
    expect('partition' in t1 && t1.partition.log.logEndOffset).toBe(BATCHES);
    // A coordinator's load waits for it, a slice per turn of the event loop, while other work runs.
    let turns = 0;
    let counting = true;
    const tick = (): void => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const t0 = await replicas.lookupRecovered('t', 0);
    counting = false;
    expect('partition' in t0 && t0.partition.log.logEndOffset).toBe(BATCHES);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(replicas.openIdleLogs(10)).toBe(false);
    expect(logDir.unopenedCount).toBe(0);
  });

  it('recovers a log asked for by requests alone, a slice per request, when nothing else drives it', async () => {
    const { replicas } = await crashed();
    let refused = 0;
    let found = replicas.lookup('t', 0);
    while (!('partition' in found)) {
      expect(found).toEqual({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
      refused++;
      found = replicas.lookup('t', 0);
    }
    expect(refused).toBeGreaterThanOrEqual(3);
    expect(found.partition.log.logEndOffset).toBe(BATCHES);
    const produced = await replicas.produce('t', 0, encodeTestBatch({ baseTimestampMs: 1_000 }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    expect(produced).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: BATCHES });
  });
});
