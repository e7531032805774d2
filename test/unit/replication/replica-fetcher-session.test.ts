// A follower's fetch session (KIP-227) as the requests show it: the first fetch is full, an idle
// one names no partition, a partition whose log moved is sent again alone, one this broker stops
// following is forgotten, and a topic deleted and created again under its name is forgotten under
// its old id and sent under its new one. A scripted leader answers each request when the test says.
import { describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResponse, PartitionData } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { ReplicaFetchers, type FetchTransport } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, leaderChange, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const SESSION = 7;
const OLD_ID = topicIdOf('t');
const NEW_ID = topicIdOf('t, again');

interface Pending {
  req: FetchRequest;
  answer: (res: FetchResponse) => void;
}

function partitionData(partitionIndex: number, records: Buffer | null, highWatermark: number): PartitionData {
  return {
    partitionIndex, errorCode: ErrorCode.NONE, highWatermark, lastStableOffset: -1, logStartOffset: 0,
    divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 },
    abortedTransactions: null, preferredReadReplica: -1, records,
  };
}

function answer(topicId: string, partitions: PartitionData[]): FetchResponse {
  return {
    throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: SESSION, nodeEndpoints: [],
    responses: partitions.length === 0 ? [] : [{ topic: 't', topicId, partitions }],
  };
}

/** What a request names: its partitions and forgotten ones, as "topicId/partition@offset". */
function named(req: FetchRequest): { sent: string[]; forgotten: string[] } {
  return {
    sent: req.topics.flatMap((t) => t.partitions.map((p) => `${t.topicId}/${p.partition}@${p.fetchOffset}`)).sort(),
    forgotten: req.forgottenTopicsData.flatMap((t) => t.partitions.map((p) => `${t.topicId}/${p}`)).sort(),
  };
}

describe('a follower fetch session', () => {
  it('sends what changed, forgets what it stopped following, and tells a re-created topic apart', async () => {
    const waiting: Pending[] = [];
    let arrived: (() => void) | undefined;
    const transport: FetchTransport = {
      fetch: (_leader, req) => new Promise((resolve) => {
        waiting.push({ req, answer: resolve });
        arrived?.();
      }),
    };
    const next = async (): Promise<Pending> => {
      while (waiting.length === 0) await new Promise<void>((r) => (arrived = r));
      return waiting.shift()!;
    };
    const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
    const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
    const fetchers = new ReplicaFetchers(transport, { nodeId: 1, maxWaitMs: 500, maxBytesPerPartition: 1 << 20, backoffMs: 1 }, () => undefined);
    const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs: () => 0, fetchers });
    let image: MetadataImage = applyRecords(EMPTY_IMAGE, topicRecords('t', 2, () => [2, 1]));
    const apply = async (records: Parameters<typeof applyRecords>[1]): Promise<void> => {
      const before = image;
      image = applyRecords(image, records);
      await rm.applyImage(image, before);
    };
    await rm.applyImage(image, EMPTY_IMAGE);

    // The loop starts with the first partition followed; the other joins the session next.
    let p = await next();
    expect(p.req.sessionEpoch).toBe(0);
    const first = named(p.req).sent;
    p.answer(answer(OLD_ID, []));
    p = await next();
    expect(p.req.sessionEpoch).toBe(1);
    expect([...first, ...named(p.req).sent].sort()).toEqual([`${OLD_ID}/0@0`, `${OLD_ID}/1@0`]);
    p.answer(answer(OLD_ID, []));

    // Idle: nothing to send.
    p = await next();
    expect(p.req.sessionId).toBe(SESSION);
    expect(p.req.sessionEpoch).toBe(2);
    expect(named(p.req)).toEqual({ sent: [], forgotten: [] });
    p.answer(answer(OLD_ID, [partitionData(0, encodeTestBatch({ baseOffset: 0, recordCount: 3 }), 3)]));

    // Partition 0 took three records: it alone is sent, from its new log end.
    p = await next();
    expect(named(p.req)).toEqual({ sent: [`${OLD_ID}/0@3`], forgotten: [] });
    // Meanwhile this broker becomes partition 1's leader: it stops following it.
    await apply([leaderChange('t', 1, 1)]);
    p.answer(answer(OLD_ID, []));
    p = await next();
    expect(named(p.req)).toEqual({ sent: [], forgotten: [`${OLD_ID}/1`] });

    // The topic is deleted and created again under its name: another id, and a log from 0.
    await apply([
      record(MetadataRecordType.REMOVE_TOPIC, { topicId: OLD_ID }),
      record(MetadataRecordType.TOPIC, { name: 't', topicId: NEW_ID }),
      record(MetadataRecordType.PARTITION, {
        partitionId: 0, topicId: NEW_ID, replicas: [2, 1], isr: [2, 1], removingReplicas: [], addingReplicas: [], leader: 2,
        leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
      }),
    ]);
    p.answer(answer(OLD_ID, []));
    p = await next();
    expect(named(p.req)).toEqual({ sent: [`${NEW_ID}/0@0`], forgotten: [`${OLD_ID}/0`] });
    p.answer(answer(NEW_ID, []));
    p = await next();
    expect(named(p.req)).toEqual({ sent: [], forgotten: [] });
    fetchers.stop();
    p.answer(answer(NEW_ID, []));
  });
});
