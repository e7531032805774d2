import { describe, expect, it } from 'vitest';
import { defaultQuorumStateData } from '../../../protocol/generated/data/quorum-state-data.js';
import { encodeDataBatch } from '../../../src/raft/batches.js';
import { MemoryLog, MemorySnapshotStore } from '../../../src/raft/memory-log.js';
import { RaftInvariantError } from '../../../src/raft/assert.js';
import { fetchResponse } from '../../../src/raft/message-builders.js';
import { TestCluster, TestNode } from './harness.js';
import { requestsOf } from './raft-messages.js';

const VOTERS = [1, 2, 3];

describe('snapshots', () => {
  it('accepts only committed ids that name a record of that epoch', () => {
    const node = new TestNode(1, [1]);
    node.tick(node.config.electionTimeoutMs);
    for (let i = 0; i < 3; i++) node.raft.propose([Buffer.from(`r${i}`)]);
    node.flush();
    const { epoch, highWatermark } = node.status;
    expect(highWatermark).toBe(4);
    expect(node.raft.validateSnapshotId({ endOffset: 4, epoch })).toBe('valid');
    expect(node.raft.validateSnapshotId({ endOffset: 2, epoch })).toBe('valid');
    expect(node.raft.validateSnapshotId({ endOffset: 5, epoch })).toBe('above-high-watermark');
    expect(node.raft.validateSnapshotId({ endOffset: 4, epoch: epoch + 1 })).toBe('not-in-log');
    expect(node.raft.validateSnapshotId({ endOffset: 0, epoch })).toBe('before-log-start');
  });

  it('brings a follower behind the log start up through FetchSnapshot chunks, then Fetch', () => {
    // Node 1 has records 0..39 in epoch 1 and a snapshot of the first 30; its log starts at 30.
    const snapshots = new MemorySnapshotStore();
    const log = new MemoryLog(snapshots);
    for (let i = 0; i < 20; i++) log.append(encodeDataBatch([Buffer.from(`a${i}`), Buffer.from(`b${i}`)], log.logEndOffset, 1, 0));
    const snapshotBytes = Buffer.from('x'.repeat(1000));
    snapshots.add({ endOffset: 30, epoch: 1 }, snapshotBytes);
    log.deleteBefore(30);
    const stored = { ...defaultQuorumStateData(), leaderEpoch: 1 };
    const cluster = new TestCluster(VOTERS, (id) => ({
      random: () => (id - 1) / 10,
      config: { snapshotChunkBytes: 300 },
      ...(id === 1 ? { log, snapshots, quorumState: stored } : {}),
    }));
    cluster.advance(1000);
    expect(cluster.leader()!.id).toBe(1);

    for (const id of [2, 3]) {
      const follower = cluster.node(id);
      const chunks = follower.readies.flatMap((r) => r.snapshotChunks);
      expect(chunks.map((c) => c.position)).toEqual([0, 300, 600, 900]);
      expect(follower.readies.filter((r) => r.installSnapshot !== undefined).map((r) => r.installSnapshot)).toEqual([{ endOffset: 30, epoch: 1 }]);
      expect(follower.snapshots.snapshotBytes({ endOffset: 30, epoch: 1 })).toEqual(snapshotBytes);
      expect(follower.log.logStartOffset).toBe(30);
      expect(follower.log.batches.map((b) => b.baseOffset)).toEqual(log.batches.map((b) => b.baseOffset));
      expect(follower.status.highWatermark).toBe(log.logEndOffset);
    }
  });

  // The symptom of a bug the driver simulation found (npm run sim -- --seed 70 --scenario
  // driver-power-cuts): a follower told to load a snapshot older than its committed state loaded
  // it, and its metadata went backwards. Now the core refuses, and the driver logs and drops it.
  it('refuses a snapshot that ends below the follower\'s high watermark', () => {
    const snapshots = new MemorySnapshotStore();
    const log = new MemoryLog(snapshots);
    for (let i = 0; i < 5; i++) log.append(encodeDataBatch([Buffer.from(`a${i}`), Buffer.from(`b${i}`)], log.logEndOffset, 1, 0));
    snapshots.add({ endOffset: 10, epoch: 1 }, Buffer.from('x'));
    log.deleteBefore(10);
    const node = new TestNode(1, VOTERS, { log, snapshots, quorumState: { ...defaultQuorumStateData(), leaderEpoch: 2, leaderId: 2 } });
    const fetch = requestsOf(node.flush(), 1)[0]!;
    expect(node.status.highWatermark).toBe(10);
    const body = fetchResponse({ currentLeader: { leaderId: 2, leaderEpoch: 2 }, snapshotId: { endOffset: 5, epoch: 1 }, highWatermark: 12 });
    const answer = { kind: 'response', apiKey: 1, sourceId: 2, correlationId: fetch.correlationId, body } as const;
    expect(() => node.step(answer)).toThrow(RaftInvariantError);
    expect(node.status).toMatchObject({ role: 'follower', highWatermark: 10, logStartOffset: 10 });
  });
});
