// ListOffsets on a new leader whose high watermark lags behind its epoch's start (Kafka's
// OFFSET_NOT_AVAILABLE): a follower that took over learned the high watermark from its old
// leader's last fetch answer, which may be below what that leader acknowledged. Until the ISR's
// fetches move it to the epoch's start, "latest" would go backwards for a client; the client gets
// a retriable error instead, while replicas and debugging tools still see the log's end.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP, listOffset } from '../../../src/replication/offsets.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, leaderChange, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const REPLICA = { isolationLevel: null, leaderOnly: true } as const;
const DEBUG_TOOL = { isolationLevel: null, leaderOnly: false } as const;
const TIMESTAMP_MS = 1_700_000_000_000;

/** Node 2, following node 1 on t-0 (replicas 1, 2, 3): five records, of which the old leader's
 * last answer said the first four are committed. */
async function follower(): Promise<{ p: Partition; replicas: ReplicaManager; image: MetadataImage }> {
  let now = 1_000_000;
  const nowMs = (): number => now++;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '2']]) });
  const replicas = new ReplicaManager({ nodeId: 2, logDir, config, nowMs });
  const image = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [1, 2, 3]));
  await replicas.applyImage(image, EMPTY_IMAGE);
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  const p = found.partition;
  await p.log.appendAsFollower(encodeTestBatch({ baseOffset: 0, recordCount: 5, partitionLeaderEpoch: 0, baseTimestampMs: TIMESTAMP_MS }));
  p.setFollowerHighWatermark(4);
  return { p, replicas, image };
}

describe('ListOffsets on a leader whose high watermark lags its epoch start', () => {
  it('answers clients OFFSET_NOT_AVAILABLE until the ISR has fetched to the epoch start', async () => {
    const { p, replicas, image } = await follower();
    expect(listOffset(p, LATEST_TIMESTAMP, -1).errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    // A debugging tool may ask a follower, and sees its whole log.
    expect(listOffset(p, LATEST_TIMESTAMP, -1, DEBUG_TOOL)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 5 });

    // Node 1 dies; node 2 takes over in epoch 1 at its log end, 5, with a high watermark of 4.
    await replicas.applyImage(applyRecords(image, [leaderChange('t', 0, 2)]), image);
    await p.log.flush();
    expect(p.isLeader).toBe(true);
    expect(p.leaderEpochStartOffset).toBe(5);
    expect(p.highWatermark).toBe(4);

    expect(listOffset(p, LATEST_TIMESTAMP, -1).errorCode).toBe(ErrorCode.OFFSET_NOT_AVAILABLE);
    expect(listOffset(p, LATEST_TIMESTAMP, -1, { isolationLevel: 1, leaderOnly: true }).errorCode).toBe(ErrorCode.OFFSET_NOT_AVAILABLE);
    // The newest record (offset 4, not visible yet) and a time past every record: the same wait.
    expect(listOffset(p, MAX_TIMESTAMP, -1).errorCode).toBe(ErrorCode.OFFSET_NOT_AVAILABLE);
    expect(listOffset(p, TIMESTAMP_MS + 4, -1).errorCode).toBe(ErrorCode.OFFSET_NOT_AVAILABLE);
    // What is visible is answered: the log start, and a time whose record is below the watermark.
    expect(listOffset(p, EARLIEST_TIMESTAMP, -1)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 0 });
    expect(listOffset(p, TIMESTAMP_MS + 2, -1)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 2 });
    // Replicas see the log end, lag or not.
    expect(listOffset(p, LATEST_TIMESTAMP, -1, REPLICA)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 5 });

    // One ISR member (node 3) fetches from the new leader at 5: the other (node 1) is still counted.
    p.recordFollowerFetch(3, 5, 2_000_000);
    expect(listOffset(p, LATEST_TIMESTAMP, -1).errorCode).toBe(ErrorCode.OFFSET_NOT_AVAILABLE);
    p.recordFollowerFetch(1, 5, 2_000_000);
    expect(p.highWatermark).toBe(5);
    expect(listOffset(p, LATEST_TIMESTAMP, -1)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 5, leaderEpoch: 1 });
    expect(listOffset(p, MAX_TIMESTAMP, -1)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 4 });
  });

  it('is no wait for a leader whose high watermark is at its log end when it takes over', async () => {
    const { p, replicas, image } = await follower();
    p.setFollowerHighWatermark(5);
    await replicas.applyImage(applyRecords(image, [leaderChange('t', 0, 2)]), image);
    expect(listOffset(p, LATEST_TIMESTAMP, -1)).toMatchObject({ errorCode: ErrorCode.NONE, offset: 5 });
  });
});
