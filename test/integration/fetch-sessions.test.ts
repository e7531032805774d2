// Incremental fetch sessions (KIP-227) over real TCP against a real broker process: a full fetch
// opens a session, incremental fetches carry only changed partitions and are answered only with
// partitions that have news, the session's epoch and topic-id use are checked, forgotten
// partitions leave it, and a final epoch closes it. Then a consumer that fetches through a session,
// as Java's FetchSessionHandler does, while the broker is killed (SIGKILL) and started again: its
// session is gone, it falls back to a full fetch, and it reads every acknowledged record once.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { FetchApi, defaultFetchRequest, type FetchRequest, type FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { DeleteRecordsApi } from '../../protocol/generated/api/21-delete-records.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { brokerProcesses } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPIC = 'sessions';
const PARTITIONS = 4;
const newDataDir = tempDirs('kraftling-fetch-sessions-');
const start = brokerProcesses();

async function createTopic(client: RawClient): Promise<string> {
  await client.request(CreateTopicsApi, 7, {
    topics: [{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  });
  const md = await client.request(MetadataApi, 12, { topics: [{ name: TOPIC, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  return md.topics[0]!.topicId;
}

/** acks=all; true once acknowledged. */
async function produce(client: RawClient, partition: number, values: string[]): Promise<boolean> {
  const records = encodeRecordBatch({ records: values.map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })) });
  const res = await client.request(ProduceApi, 9, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: TOPIC, partitionData: [{ index: partition, records }] }] });
  return res.responses[0]!.partitionResponses[0]!.errorCode === ErrorCode.NONE;
}

interface Position { partition: number; fetchOffset: number }

function fetchRequest(topicId: string, sessionId: number, sessionEpoch: number, positions: Position[], forget: number[] = []): FetchRequest {
  return {
    ...defaultFetchRequest(), maxWaitMs: 50, minBytes: 1, maxBytes: 1 << 20, sessionId, sessionEpoch,
    topics: positions.length === 0 ? [] : [{ topic: '', topicId, partitions: positions.map((p) => ({
      partition: p.partition, currentLeaderEpoch: -1, fetchOffset: p.fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1,
      partitionMaxBytes: 1 << 20, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
    })) }],
    forgottenTopicsData: forget.length === 0 ? [] : [{ topic: '', topicId, partitions: forget }],
  };
}

/** Each answered partition's record values. */
function answered(res: FetchResponse): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const t of res.responses) {
    for (const p of t.partitions) {
      expect(p.errorCode).toBe(ErrorCode.NONE);
      out.set(p.partitionIndex, decodeRecordBatches(p.records ?? Buffer.alloc(0)).flatMap((b) => b.records.map((r) => r.value!.toString())));
    }
  }
  return out;
}

describe('fetch sessions (KIP-227)', () => {
  it('answers an incremental fetch with the partitions that have news only, and checks its epoch', async () => {
    const broker = await start(newDataDir());
    const client = await RawClient.connect(broker.bootstrap);
    const topicId = await createTopic(client);
    for (let p = 0; p < PARTITIONS; p++) expect(await produce(client, p, [`first-${p}`])).toBe(true);
    const all = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, fetchOffset: 0 }));

    const full = await client.request(FetchApi, 17, fetchRequest(topicId, 0, 0, all));
    expect(full.errorCode).toBe(ErrorCode.NONE);
    expect(full.sessionId).toBeGreaterThan(0);
    expect([...answered(full)].sort()).toEqual(all.map((p) => [p.partition, [`first-${p.partition}`]]));
    const id = full.sessionId;

    // Every position moved: nothing new anywhere, so nothing is answered.
    const moved = all.map((p) => ({ ...p, fetchOffset: 1 }));
    const quiet = await client.request(FetchApi, 17, fetchRequest(topicId, id, 1, moved));
    expect({ errorCode: quiet.errorCode, sessionId: quiet.sessionId, partitions: answered(quiet).size }).toEqual({ errorCode: 0, sessionId: id, partitions: 0 });

    // An empty incremental fetch still reads every partition of the session.
    expect(await produce(client, 2, ['second-2'])).toBe(true);
    const news = await client.request(FetchApi, 17, fetchRequest(topicId, id, 2, []));
    expect([...answered(news)]).toEqual([[2, ['second-2']]]);

    // Epochs: a repeated one is refused, and so is a session id the broker does not know.
    const repeated = await client.request(FetchApi, 17, fetchRequest(topicId, id, 2, []));
    expect({ errorCode: repeated.errorCode, sessionId: repeated.sessionId }).toEqual({ errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH, sessionId: 0 });
    expect((await client.request(FetchApi, 17, fetchRequest(topicId, id + 1, 1, []))).errorCode).toBe(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    // A session opened with topic ids is not continued by a request version without them.
    expect((await client.request(FetchApi, 12, { ...fetchRequest(topicId, id, 3, []), topics: [] })).errorCode).toBe(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR);

    // A forgotten partition is no longer read; the others still are.
    expect(await produce(client, 3, ['third-3'])).toBe(true);
    expect(await produce(client, 1, ['third-1'])).toBe(true);
    const forgot = await client.request(FetchApi, 17, fetchRequest(topicId, id, 3, [{ partition: 2, fetchOffset: 2 }], [3]));
    expect([...answered(forgot)]).toEqual([[1, ['third-1']]]);

    // The final epoch closes the session: the fetch is answered in full, without a session.
    const last = await client.request(FetchApi, 17, fetchRequest(topicId, id, -1, [{ partition: 3, fetchOffset: 1 }]));
    expect({ sessionId: last.sessionId, answered: [...answered(last)] }).toEqual({ sessionId: 0, answered: [[3, ['third-3']]] });
    expect((await client.request(FetchApi, 17, fetchRequest(topicId, id, 4, []))).errorCode).toBe(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    client.close();
  });

  it('reads a partition left out as idle again when its log start moves or data arrives during a long poll', async () => {
    const broker = await start(newDataDir());
    const client = await RawClient.connect(broker.bootstrap);
    const topicId = await createTopic(client);
    for (let p = 0; p < PARTITIONS; p++) expect(await produce(client, p, [`a-${p}`, `b-${p}`])).toBe(true);
    const atEnd = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, fetchOffset: 2 }));
    const id = (await client.request(FetchApi, 17, fetchRequest(topicId, 0, 0, atEnd))).sessionId;
    // Nothing new: every partition is left out, and from now on skipped while nothing changes.
    for (const epoch of [1, 2]) expect(answered(await client.request(FetchApi, 17, fetchRequest(topicId, id, epoch, []))).size).toBe(0);

    // A log start offset moved by DeleteRecords is news, with no record to read.
    const deleted = await client.request(DeleteRecordsApi, 2, {
      topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1, offset: 1 }] }], timeoutMs: 5000,
    });
    expect(deleted.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
    const moved = await client.request(FetchApi, 17, fetchRequest(topicId, id, 3, []));
    expect(moved.responses.flatMap((t) => t.partitions.map((p) => [p.partitionIndex, p.logStartOffset]))).toEqual([[1, 1]]);

    // A long poll of idle partitions is answered when one of them gets a record.
    const parked = client.request(FetchApi, 17, { ...fetchRequest(topicId, id, 4, []), maxWaitMs: 20_000 });
    const other = await RawClient.connect(broker.bootstrap);
    const startedMs = Date.now();
    expect(await produce(other, 3, ['c-3'])).toBe(true);
    expect([...answered(await parked)]).toEqual([[3, ['c-3']]]);
    // Answered by the record, not by the end of the long poll.
    expect(Date.now() - startedMs).toBeLessThan(20_000);
    other.close();
    client.close();
  });

  it('a session consumer reads every acknowledged record once across a SIGKILL and restart of the broker', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    let producer = await RawClient.connect(broker.bootstrap);
    const topicId = await createTopic(producer);
    const consumer = new SessionConsumer(topicId, PARTITIONS);
    let consumerClient = await RawClient.connect(broker.bootstrap);
    const acknowledged: string[][] = Array.from({ length: PARTITIONS }, () => []);
    const produceSome = async (round: number): Promise<void> => {
      for (let p = 0; p < PARTITIONS; p++) {
        const values = [`r${round}-p${p}-a`, `r${round}-p${p}-b`];
        if (await produce(producer, p, values).catch(() => false)) acknowledged[p]!.push(...values);
      }
    };
    for (let round = 0; round < 10; round++) {
      await produceSome(round);
      await consumer.poll(consumerClient);
    }
    expect(consumer.sessionFetches).toBeGreaterThan(0);

    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir);
    producer = await RawClient.connect(broker.bootstrap);
    consumerClient = await RawClient.connect(broker.bootstrap);
    for (let round = 10; round < 20; round++) {
      await produceSome(round);
      await consumer.poll(consumerClient);
    }
    for (let i = 0; i < 20 && consumer.read.some((r, p) => r.length < acknowledged[p]!.length); i++) await consumer.poll(consumerClient);
    // The restarted broker knew nothing of the session: one fetch was refused, the next was full.
    expect(consumer.sessionsLost).toBe(1);
    expect(consumer.read).toEqual(acknowledged);
    producer.close();
    consumerClient.close();
  });
});

/** A consumer of every partition that fetches as Java's FetchSessionHandler does: a full fetch
 * opens a session; then only partitions whose position moved are sent; a lost session means a
 * full fetch again. */
class SessionConsumer {
  readonly read: string[][];
  private readonly positions: number[];
  private readonly sent: number[];
  private sessionId = 0;
  private epoch = 0;
  sessionFetches = 0;
  sessionsLost = 0;

  constructor(private readonly topicId: string, partitions: number) {
    this.read = Array.from({ length: partitions }, () => []);
    this.positions = Array.from({ length: partitions }, () => 0);
    this.sent = Array.from({ length: partitions }, () => -1);
  }

  async poll(client: RawClient): Promise<void> {
    const full = this.epoch === 0;
    const changed = this.positions.flatMap((fetchOffset, partition) => full || this.sent[partition] !== fetchOffset ? [{ partition, fetchOffset }] : []);
    const res = await client.request(FetchApi, 17, fetchRequest(this.topicId, this.sessionId, this.epoch, changed));
    if (res.errorCode === ErrorCode.FETCH_SESSION_ID_NOT_FOUND || res.errorCode === ErrorCode.INVALID_FETCH_SESSION_EPOCH) {
      this.sessionsLost++;
      this.sessionId = 0;
      this.epoch = 0;
      return;
    }
    expect(res.errorCode).toBe(ErrorCode.NONE);
    for (const c of changed) this.sent[c.partition] = c.fetchOffset;
    if (!full) this.sessionFetches++;
    if (res.sessionId === 0) this.epoch = 0;
    else {
      this.sessionId = res.sessionId;
      this.epoch = full ? 1 : this.epoch + 1;
    }
    for (const t of res.responses) {
      for (const p of t.partitions) {
        if (p.errorCode !== ErrorCode.NONE) continue;
        for (const batch of decodeRecordBatches(p.records ?? Buffer.alloc(0))) {
          for (const r of batch.records) {
            if (r.offset < this.positions[p.partitionIndex]!) continue;
            this.read[p.partitionIndex]!.push(r.value!.toString());
            this.positions[p.partitionIndex] = r.offset + 1;
          }
        }
      }
    }
  }
}
