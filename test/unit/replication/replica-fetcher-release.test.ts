// The fetcher gives an answer back to its transport (whose buffer may then hold the next answer)
// only once the records in it are in the log: a real follower partition over the in-memory file
// system, a leader that answers from a script one batch at a time, and a transport that scribbles
// over each answer's records when it is given back, as a reused buffer would be.
import { describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResponse } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { ReplicaFetchers, type FetchTransport } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const ANSWERS = 20;

describe('the replica fetcher and its transport\'s answer buffers', () => {
  it('releases an answer only after its records are appended, and the log keeps them whole', async () => {
    const topicId = topicIdOf('t');
    const image = applyRecords(EMPTY_IMAGE, [
      record(MetadataRecordType.TOPIC, { name: 't', topicId }),
      record(MetadataRecordType.PARTITION, {
        partitionId: 0, topicId, replicas: [1, 2], isr: [1, 2], removingReplicas: [], addingReplicas: [], leader: 2,
        leaderRecoveryState: 0, leaderEpoch: 6, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
      }),
    ]);
    const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
    const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
    const endsAtRelease: { answerEnd: number; logEnd: number }[] = [];
    const answerEnds = new WeakMap<FetchResponse, number>();
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    let follower: ReplicaManager;
    const transport: FetchTransport = {
      async fetch(_leaderId: number, req: FetchRequest) {
        await new Promise((r) => setImmediate(r));
        const fetchOffset = req.topics[0]!.partitions[0]!.fetchOffset;
        if (fetchOffset >= ANSWERS * 3) {
          done();
          return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, nodeEndpoints: [], responses: [] };
        }
        const records = encodeTestBatch({ baseOffset: fetchOffset, partitionLeaderEpoch: 6, recordCount: 3 });
        const res: FetchResponse = {
          throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, nodeEndpoints: [],
          responses: [{ topic: 't', topicId, partitions: [{
            partitionIndex: 0, errorCode: ErrorCode.NONE, highWatermark: fetchOffset + 3, lastStableOffset: -1, logStartOffset: 0,
            divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 },
            abortedTransactions: null, preferredReadReplica: -1, records,
          }] }],
        };
        answerEnds.set(res, fetchOffset + 3);
        return res;
      },
      release(res: FetchResponse) {
        const found = follower.lookup('t', 0);
        const logEnd = 'partition' in found ? found.partition.log.logEndOffset : -1;
        endsAtRelease.push({ answerEnd: answerEnds.get(res) ?? -1, logEnd });
        res.responses[0]?.partitions[0]?.records?.fill(0xee);
      },
    };
    const fetchers = new ReplicaFetchers(transport, { nodeId: 1, maxWaitMs: 500, maxBytesPerPartition: 1 << 20, backoffMs: 10 }, () => undefined);
    follower = new ReplicaManager({ nodeId: 1, logDir, config, nowMs: () => 0, fetchers });
    await follower.applyImage(image, EMPTY_IMAGE);
    await finished;
    fetchers.stop();
    const found = follower.lookup('t', 0);
    if (!('partition' in found)) throw new Error('not hosted');
    const answered = endsAtRelease.filter((e) => e.answerEnd >= 0);
    expect(answered).toHaveLength(ANSWERS);
    for (const e of answered) expect(e.logEnd).toBe(e.answerEnd);
    // Every batch reads back as written, not as the scribbles over the answers.
    const read = found.partition.log.read(0, 1 << 20);
    if (!('records' in read)) throw new Error(`read failed: ${read.errorCode}`);
    expect(read.records.includes(Buffer.alloc(16, 0xee))).toBe(false);
    expect(found.partition.log.logEndOffset).toBe(ANSWERS * 3);
  });
});
