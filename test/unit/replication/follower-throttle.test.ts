// The follower replication throttle as a follower's fetches show it: a partition its topic names
// for this broker (follower.replication.throttled.replicas), while this broker is out of its ISR,
// is fetched at full size until the fetched bytes pass follower.replication.throttled.rate, then
// at 0 bytes (still in the fetch, so its session keeps it); once this broker is in the ISR it is
// never held back. A scripted leader answers each request.
import { describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResponse } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import { ReplicaFetchers, type FetchTransport } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const ID = topicIdOf('t');

function config(resourceType: number, resourceName: string, name: string, value: string): MetadataRecord {
  return record(MetadataRecordType.CONFIG, { resourceType, resourceName, name, value });
}

function isrChange(isr: number[]): MetadataRecord {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId: 0, topicId: ID, isr, leader: -2, replicas: null, removingReplicas: null, addingReplicas: null,
    leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

function answer(records: Buffer | null, highWatermark: number): FetchResponse {
  return {
    throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, nodeEndpoints: [],
    responses: [{ topic: 't', topicId: ID, partitions: [{
      partitionIndex: 0, errorCode: ErrorCode.NONE, highWatermark, lastStableOffset: -1, logStartOffset: 0,
      divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 },
      abortedTransactions: null, preferredReadReplica: -1, records,
    }] }],
  };
}

describe('the follower replication throttle', () => {
  it('fetches a throttled partition at 0 bytes once over the rate, and never holds back an in-sync replica', async () => {
    const waiting: { req: FetchRequest; answer: (res: FetchResponse) => void }[] = [];
    let arrived: (() => void) | undefined;
    const transport: FetchTransport = {
      fetch: (_leader, req) => new Promise((resolve) => {
        waiting.push({ req, answer: resolve });
        arrived?.();
      }),
    };
    const next = async () => {
      while (waiting.length === 0) await new Promise<void>((r) => (arrived = r));
      return waiting.shift()!;
    };
    const maxBytes = (req: FetchRequest): number => req.topics[0]!.partitions[0]!.partitionMaxBytes;
    const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
    const serverConfig = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
    let rm: ReplicaManager | undefined;
    const fetchers = new ReplicaFetchers(transport, {
      nodeId: 1, maxWaitMs: 500, maxBytesPerPartition: 1 << 20, backoffMs: 1,
      throttle: { holds: (p) => rm!.followerHolds(p, 0), counts: (p) => rm!.followerThrottled(p), record: (bytes) => rm!.followerQuota.record(bytes, 0) },
    }, () => undefined);
    rm = new ReplicaManager({ nodeId: 1, logDir, config: serverConfig, nowMs: () => 0, fetchers });
    // Node 2 leads; node 1 is a replica being added, out of the ISR, and throttled at 1 B/s.
    let image: MetadataImage = applyRecords(EMPTY_IMAGE, [
      ...topicRecords('t', 1, () => [2, 1]), isrChange([2]),
      config(2, 't', 'follower.replication.throttled.replicas', '0:1'), config(4, '', 'follower.replication.throttled.rate', '1'),
    ]);
    await rm.applyImage(image, EMPTY_IMAGE);

    let p = await next();
    expect(maxBytes(p.req)).toBe(1 << 20);
    p.answer(answer(encodeTestBatch({ baseOffset: 0, recordCount: 3 }), 3));
    // Over the rate now: asked for again (its position moved), at 0 bytes.
    p = await next();
    expect(p.req.topics[0]!.partitions[0]!.fetchOffset).toBe(3);
    expect(maxBytes(p.req)).toBe(0);

    // In the ISR: never held back, whatever the rate says (from the fetch after the one in flight).
    const before = image;
    image = applyRecords(image, [isrChange([2, 1])]);
    await rm.applyImage(image, before);
    p.answer(answer(null, 3));
    p = await next();
    expect(maxBytes(p.req)).toBe(1 << 20);
    fetchers.stop();
    p.answer(answer(null, 3));
  });
});
