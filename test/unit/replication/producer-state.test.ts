// Idempotent producers across leadership: the sequences a leader checks come from what it appended
// and, when it (again) becomes leader or restarts, from the producer state its log keeps, so a
// retry is still answered with its first offset and the next batch is not refused as a gap.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { ProducerStates } from '../../../src/replication/producer-state.js';
import type { ProducerStateEntry } from '../../../storage/producer-state-manager.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, leaderChange, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { validateRecordBatches } from '../../../protocol/records/batch-validation.js';

const ME = 1;
const OTHER = 2;
const PID = 7;

function batch(seq: number, count = 1, epoch = 0, baseOffset = 0): Buffer {
  return encodeRecordBatch({
    baseOffset, producerId: PID, producerEpoch: epoch, baseSequence: seq,
    records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`s${seq + i}`), timestamp: 1_000 })),
  });
}

async function open(fs: MemoryFileSystem, segmentBytes = DEFAULT_LOG_CONFIG.segmentBytes): Promise<{ logDir: LogDir; replicas: ReplicaManager }> {
  const nowMs = (): number => 1_000;
  const { logDir } = await LogDir.open({ fs, path: '/logs', nowMs, configFor: () => ({ ...DEFAULT_LOG_CONFIG, segmentBytes }) });
  const overrides = new Map([['node.id', String(ME)], ['log.segment.bytes', String(segmentBytes)]]);
  const config = ServerConfig.resolve({ profile: 'dev', overrides });
  return { logDir, replicas: new ReplicaManager({ nodeId: ME, logDir, config, nowMs }) };
}

const produce = (replicas: ReplicaManager, records: Buffer) =>
  Promise.resolve(replicas.produce('t', 0, records, { acks: 1, timeoutMs: 1_000, requestVersion: 9 }));

describe('ProducerStates', () => {
  it('checks epochs and sequences, and answers a retry with the first offset', async () => {
    const states = new ProducerStates();
    const infos = (b: Buffer) => validateRecordBatches(b);
    const first = states.sequence(infos(batch(0, 3)));
    expect(first.kind).toBe('ok');
    if (first.kind === 'ok') first.appended(10);
    const retry = states.sequence(infos(batch(0, 3)));
    expect(retry.kind === 'duplicate' && await retry.original).toBe(10);
    expect(states.sequence(infos(batch(5))).kind).toBe('error');
    expect(states.sequence(infos(batch(3))).kind).toBe('ok');
    const bumped = states.sequence(infos(batch(0, 1, 1)));
    expect(bumped.kind).toBe('ok');
    const stale = states.sequence(infos(batch(5, 1, 0)));
    expect(stale).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH });
  });

  it('a request refused at a later batch takes none of its batches: the first, sent again alone, is taken, not waited for', () => {
    const states = new ProducerStates();
    const refused = states.sequence(validateRecordBatches(Buffer.concat([batch(0, 2), batch(5)])));
    expect(refused).toMatchObject({ kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(states.sequence(validateRecordBatches(batch(0, 2))).kind).toBe('ok');
    expect(states.forgetExpired(0, 1)).toBe(0);
  });

  it('starts each producer from what the log holds for it, and accepts any sequence from one it never saw', async () => {
    const stored = { epoch: 0, batches: [[0, 1, 0], [2, 3, 2], [4, 4, 4]].map(([firstSeq, lastSeq, firstOffset]) => ({
      firstSeq: firstSeq!, lastSeq: lastSeq!, firstOffset: firstOffset!, lastOffset: firstOffset! + lastSeq! - firstSeq!, maxTimestampMs: 1_000,
    })), coordinatorEpoch: -1, currentTxnFirstOffset: -1, lastTimestampMs: 1_000 };
    const seeded = () => new ProducerStates((id) => (id === PID ? stored : undefined));
    const states = seeded();
    const retry = states.sequence(validateRecordBatches(batch(2, 2)));
    expect(retry.kind === 'duplicate' && await retry.original).toBe(2);
    expect(states.sequence(validateRecordBatches(batch(9))).kind).toBe('error');
    expect(states.sequence(validateRecordBatches(batch(5))).kind).toBe('ok');
    const stranger = encodeRecordBatch({ producerId: 99, producerEpoch: 0, baseSequence: 1234, records: [{ key: null, value: null, timestamp: 1 }] });
    expect(seeded().sequence(validateRecordBatches(stranger)).kind).toBe('ok');
  });
});

describe('producer id expiration on a leader', () => {
  it('forgets a producer the log no longer knows once nothing of it is in flight: its next batch is taken whatever its sequence', () => {
    const stored = new Map<number, ProducerStateEntry>();
    const states = new ProducerStates((id) => stored.get(id));
    const first = states.sequence(validateRecordBatches(batch(0, 3)));
    expect(states.forgetExpired(0, 1_000)).toBe(0);
    if (first.kind === 'ok') first.appended(0);
    stored.set(PID, { epoch: 0, batches: [], coordinatorEpoch: -1, currentTxnFirstOffset: -1, lastTimestampMs: 1_000 });
    expect(states.forgetExpired(0, 1_000)).toBe(0);
    expect(states.sequence(validateRecordBatches(batch(9))).kind).toBe('error');
    // The log's state expired it.
    stored.delete(PID);
    expect(states.forgetExpired(0, 1_000)).toBe(1);
    expect(states.sequence(validateRecordBatches(batch(9))).kind).toBe('ok');
  });

  it('keeps a verification for producer.id.expiration.ms from the first check that saw it, then voids it', () => {
    const states = new ProducerStates();
    const guard = states.startVerification(PID, 0);
    const txn = (): Buffer => encodeRecordBatch({ producerId: PID, producerEpoch: 0, baseSequence: 0, isTransactional: true, records: [{ key: null, value: null, timestamp: 1 }] });
    states.forgetExpired(5_000, 1_000);
    states.forgetExpired(5_999, 1_000);
    const other = new ProducerStates();
    const kept = other.startVerification(PID, 0);
    other.forgetExpired(5_000, 1_000);
    expect(other.sequence(validateRecordBatches(txn()), kept).kind).toBe('ok');
    states.forgetExpired(6_000, 1_000);
    expect(states.sequence(validateRecordBatches(txn()), guard)).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_TXN_STATE });
  });

  it("the broker's check drops an idle producer from the log and the leader; a restart does not bring it back", async () => {
    const fs = new MemoryFileSystem();
    let now = 1_000;
    const nowMs = (): number => now;
    // The log directory's settings for logs it opens itself (the node gives the broker's static
    // ones); the replica manager's come from the broker config and the image.
    const start = async (dirExpiryMs: number) => {
      const { logDir } = await LogDir.open({ fs, path: '/logs', nowMs, configFor: () => ({ ...DEFAULT_LOG_CONFIG, producerIdExpirationMs: dirExpiryMs }) });
      const overrides = new Map([['node.id', String(ME)], ['producer.id.expiration.ms', '60000']]);
      const replicas = new ReplicaManager({ nodeId: ME, logDir, config: ServerConfig.resolve({ profile: 'dev', overrides }), nowMs });
      await replicas.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [ME])), EMPTY_IMAGE);
      return { logDir, replicas };
    };
    const other = (seq: number): Buffer => encodeRecordBatch({ producerId: PID + 1, producerEpoch: 0, baseSequence: seq, records: [{ key: null, value: null, timestamp: now }] });
    const before = await start(DEFAULT_LOG_CONFIG.producerIdExpirationMs);
    expect(await produce(before.replicas, batch(0, 2))).toMatchObject({ errorCode: 0 });
    now = 1_000 + 59_999;
    expect(await produce(before.replicas, other(0))).toMatchObject({ errorCode: 0 });
    expect(before.replicas.removeExpiredProducers()).toBe(0);
    now = 1_000 + 60_000;
    expect(before.replicas.removeExpiredProducers()).toBe(1);
    expect([...before.logDir.get('t', 0)!.producerEntries().keys()]).toEqual([PID + 1]);
    // Forgotten: a batch out of its old sequence is taken as a new producer's.
    expect(await produce(before.replicas, batch(7))).toMatchObject({ errorCode: 0, baseOffset: 3 });
    expect(await produce(before.replicas, other(5))).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
    await before.logDir.close();

    now += 60_000;
    const after = await start(60_000);
    expect([...after.logDir.get('t', 0)!.producerEntries().keys()]).toEqual([]);
    expect(await produce(after.replicas, other(5))).toMatchObject({ errorCode: 0, baseOffset: 4 });
  });
});

describe('the producer id expiry pass', () => {
  it('takes its partitions a few at a time and skips one deleted before its turn', async () => {
    const fs = new MemoryFileSystem();
    let now = 1_000;
    const nowMs = (): number => now;
    const { logDir } = await LogDir.open({ fs, path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const overrides = new Map([['node.id', String(ME)], ['producer.id.expiration.ms', '60000']]);
    const replicas = new ReplicaManager({ nodeId: ME, logDir, config: ServerConfig.resolve({ profile: 'dev', overrides }), nowMs });
    const topics = ['a', 'b', 'c', 'd'];
    const image = applyRecords(EMPTY_IMAGE, topics.flatMap((t) => topicRecords(t, 1, () => [ME])));
    await replicas.applyImage(image, EMPTY_IMAGE);
    for (const t of topics) {
      const idle = encodeRecordBatch({ producerId: PID, producerEpoch: 0, baseSequence: 0, records: [{ key: null, value: null, timestamp: now }] });
      expect(await replicas.produce(t, 0, idle, { acks: 1, timeoutMs: 1_000, requestVersion: 9 })).toMatchObject({ errorCode: 0 });
    }
    now += 60_000;
    const pass = replicas.producerExpiryPass();
    expect(pass.step(1)).toBe(true);
    expect(pass.removed).toBe(1);
    // One of the three left goes (its log is closed) before the pass gets to it.
    const untouched = topics.filter((t) => logDir.get(t, 0)!.producerEntries().size > 0);
    expect(untouched).toHaveLength(3);
    const gone = untouched[1]!;
    await replicas.applyImage(applyRecords(image, [record(MetadataRecordType.REMOVE_TOPIC, { topicId: topicIdOf(gone) })]), image);
    expect(logDir.get(gone, 0)).toBeUndefined();
    expect(pass.step(2)).toBe(true);
    expect(pass.step(2)).toBe(false);
    expect(pass.removed).toBe(3);
    for (const t of topics.filter((x) => x !== gone)) expect(logDir.get(t, 0)!.producerEntries().size).toBe(0);
  });
});

describe('idempotent producers and leadership', () => {
  it('a leader that followed for a while takes the sequences the other leader appended', async () => {
    const { logDir, replicas } = await open(new MemoryFileSystem());
    const led = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [ME, OTHER]));
    await replicas.applyImage(led, EMPTY_IMAGE);
    expect(await produce(replicas, batch(0, 2))).toMatchObject({ errorCode: 0, baseOffset: 0 });

    const followed = applyRecords(led, [leaderChange('t', 0, OTHER)]);
    await replicas.applyImage(followed, led);
    await logDir.get('t', 0)!.appendAsFollower(batch(2, 3, 0, 2));

    const ledAgain = applyRecords(followed, [leaderChange('t', 0, ME)]);
    await replicas.applyImage(ledAgain, followed);
    const retried = await produce(replicas, batch(2, 3));
    expect(retried).toMatchObject({ errorCode: 0, baseOffset: 2 });
    expect(await produce(replicas, batch(5))).toMatchObject({ errorCode: 0, baseOffset: 5 });
    expect(await produce(replicas, batch(9))).toMatchObject({ errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('a restarted broker still recognises a retried batch', async () => {
    const fs = new MemoryFileSystem();
    const image: MetadataImage = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [ME]));
    const before = await open(fs);
    await before.replicas.applyImage(image, EMPTY_IMAGE);
    for (let seq = 0; seq < 10; seq += 2) await produce(before.replicas, batch(seq, 2));
    await before.logDir.close();

    const after = await open(fs);
    await after.replicas.applyImage(image, EMPTY_IMAGE);
    expect(await produce(after.replicas, batch(8, 2))).toMatchObject({ errorCode: 0, baseOffset: 8 });
    expect(await produce(after.replicas, batch(10))).toMatchObject({ errorCode: 0, baseOffset: 10 });
    expect(after.logDir.get('t', 0)!.logEndOffset).toBe(11);
  });

  it('a follower that becomes leader recognises a retry whose original it replicated segments ago', async () => {
    const { logDir, replicas } = await open(new MemoryFileSystem(), 1024);
    const followed = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [OTHER, ME]));
    await replicas.applyImage(followed, EMPTY_IMAGE);
    const log = logDir.get('t', 0)!;
    await log.appendAsFollower(batch(0, 2));
    while (log.segmentBaseOffsets().length < 4) {
      const other = encodeRecordBatch({ baseOffset: log.logEndOffset, records: [{ key: null, value: Buffer.alloc(400), timestamp: 1_000 }] });
      await log.appendAsFollower(other);
    }
    const end = log.logEndOffset;
    const led = applyRecords(followed, [leaderChange('t', 0, ME)]);
    await replicas.applyImage(led, followed);
    expect(await produce(replicas, batch(0, 2))).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(await produce(replicas, batch(2))).toMatchObject({ errorCode: 0, baseOffset: end });
  });

  for (const ending of ['clean shutdown', 'crash'] as const) {
    it(`after a ${ending}, recognises a retried batch whose original lies in an older segment`, async () => {
      const fs = new MemoryFileSystem();
      const image: MetadataImage = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [ME]));
      const before = await open(fs, 1024);
      await before.replicas.applyImage(image, EMPTY_IMAGE);
      expect(await produce(before.replicas, batch(0, 2))).toMatchObject({ errorCode: 0, baseOffset: 0 });
      const log = before.logDir.get('t', 0)!;
      const other = (i: number) => encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(400, i), timestamp: 1_000 }] });
      for (let i = 0; log.segmentBaseOffsets().length < 4; i++) await produce(before.replicas, other(i));
      const end = log.logEndOffset;
      if (ending === 'clean shutdown') await before.logDir.close();
      else {
        await log.flush();
        fs.crash();
      }

      const after = await open(fs, 1024);
      await after.replicas.applyImage(image, EMPTY_IMAGE);
      expect(await produce(after.replicas, batch(0, 2))).toMatchObject({ errorCode: 0, baseOffset: 0 });
      expect(after.logDir.get('t', 0)!.logEndOffset).toBe(end);
      expect(await produce(after.replicas, batch(2))).toMatchObject({ errorCode: 0, baseOffset: end });
    });
  }
});
