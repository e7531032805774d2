// The KRaft driver's start-up recovery and its handling of peer messages the core refuses, over the
// in-memory file system. (Crashes at every disk step of a snapshot install are the driver
// simulation's job: npm run sim -- --scenario driver-snapshot-install.)
import { defaultVoteRequest } from '../../../protocol/generated/api/52-vote.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { defaultQuorumStateData } from '../../../protocol/generated/data/quorum-state-data.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeSnapshot } from '../../../src/metadata/snapshot-format.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import type { QuorumListener } from '../../../src/kraft/metadata-quorum.js';
import { writeQuorumState } from '../../../src/kraft/quorum-state-file.js';
import { RaftQuorum } from '../../../src/kraft/raft-quorum.js';
import { FileSnapshotStore } from '../../../src/kraft/snapshot-files.js';
import { encodeDataBatch } from '../../../src/raft/batches.js';
import { defaultRaftConfig } from '../../../src/raft/config.js';
import { fetchResponse } from '../../../src/raft/message-builders.js';
import type { OutboundRequest } from '../../../src/raft/messages.js';

const VOTERS = [1, 2, 3];
const NO_TIMERS = { setTimeout: () => undefined, clearTimeout: () => undefined };

interface Logged { level: number; msg: string }

async function metadataLog(fs: MemoryFileSystem): Promise<PartitionLog> {
  const { logDir } = await LogDir.open({ fs, path: '/data', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
  return logDir.getOrCreate('__cluster_metadata', 0);
}

/** Appends one one-record batch per epoch listed, as a follower would. */
async function appendEpochs(log: PartitionLog, epochs: number[]): Promise<void> {
  for (const epoch of epochs) await log.appendAsFollower(encodeDataBatch([Buffer.from('x')], log.logEndOffset, epoch, 0));
  await log.flush();
}

async function storeSnapshot(fs: MemoryFileSystem, dir: string, endOffset: number, epoch: number): Promise<void> {
  const store = FileSnapshotStore.open(fs, dir);
  const records = [record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: 'sim', name: 'a', value: null })];
  await store.create({ endOffset, epoch }, encodeSnapshot(records, epoch, 0, 0));
  store.close();
}

function quorumOver(fs: MemoryFileSystem, log: PartitionLog, send: (m: OutboundRequest) => Promise<unknown>, logged: Logged[] = []) {
  const stream = { write: (line: string) => logged.push(JSON.parse(line) as Logged) };
  return new RaftQuorum({
    config: { ...defaultRaftConfig(1, VOTERS), preVote: false }, fs, log, dir: log.dir,
    transport: { send }, nowMs: () => 0, random: () => 0, logger: createLogger({ level: 'info', pretty: false, destination: stream }), timers: NO_TIMERS,
  });
}

function listener(snapshots: number[] = []): QuorumListener {
  return {
    onSnapshot: (_records, endOffset) => snapshots.push(endOffset),
    onCommit: () => undefined,
    onCommitsDone: () => undefined,
    onLeaderChange: () => undefined,
  };
}

const quorums: RaftQuorum[] = [];
afterEach(async () => {
  for (const q of quorums.splice(0)) await q.stop();
});

describe('RaftQuorum start-up (KafkaMetadataLog.truncateToLatestSnapshot)', () => {
  it('restarts a log that runs past the latest snapshot but wrote its last record in another epoch', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    // Offsets 0-4 in epoch 1, 5-9 in epoch 3; the snapshot says offset 7 was written in epoch 2.
    await appendEpochs(log, [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]);
    await storeSnapshot(fs, log.dir, 8, 2);
    const loaded: number[] = [];
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    quorums.push(quorum);
    await quorum.start(listener(loaded));
    expect({ start: log.logStartOffset, end: log.logEndOffset }).toEqual({ start: 8, end: 8 });
    expect(loaded).toEqual([8]);
  });

  it('keeps a log that leads up to the latest snapshot in its epoch', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    await appendEpochs(log, [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]);
    await storeSnapshot(fs, log.dir, 8, 3);
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    quorums.push(quorum);
    await quorum.start(listener());
    expect({ start: log.logStartOffset, end: log.logEndOffset }).toEqual({ start: 0, end: 10 });
  });

  // Found by the driver simulation (npm run sim -- --seed 5038 --scenario driver-chaos-fast): the
  // power went inside the reset that follows a snapshot install, after the segments went but
  // before the emptied leader-epoch checkpoint was written. The node came back with an empty log at
  // the snapshot's end whose epoch cache still said epoch 1, fetched with that, and was told to
  // truncate below its high watermark.
  it('restarts a log whose last epoch is older than the latest snapshot\'s, even an empty one at its end', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    await appendEpochs(log, [1, 1, 1, 1, 1, 1, 1, 1]);
    log.updateHighWatermark(8);
    await log.deleteRecordsBefore(8);
    await storeSnapshot(fs, log.dir, 8, 2);
    expect({ start: log.logStartOffset, end: log.logEndOffset, epoch: log.latestEpoch() }).toEqual({ start: 8, end: 8, epoch: 1 });
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    quorums.push(quorum);
    await quorum.start(listener());
    expect({ start: log.logStartOffset, end: log.logEndOffset, epoch: log.latestEpoch() }).toEqual({ start: 8, end: 8, epoch: -1 });
  });

  it('restarts a log that ends before the latest snapshot (a crash between publishing a download and the log reset)', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    await appendEpochs(log, [1, 1, 1]);
    await storeSnapshot(fs, log.dir, 8, 2);
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    quorums.push(quorum);
    await quorum.start(listener());
    expect({ start: log.logStartOffset, end: log.logEndOffset }).toEqual({ start: 8, end: 8 });
  });
});

describe('RaftQuorum start-up (KafkaMetadataLog.recoverSnapshots)', () => {
  // Found by the driver simulation (npm run sim -- --seed 70 --scenario driver-power-cuts): the
  // power went between raising the log start and deleting the snapshots below it; after the
  // restart the older snapshot passed for the one at the log start, the node fetched with last
  // epoch 0 and the leader sent it an older snapshot, taking its state backwards.
  it('deletes snapshots below the log start that a crash left behind', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    await appendEpochs(log, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    await storeSnapshot(fs, log.dir, 4, 1);
    await storeSnapshot(fs, log.dir, 8, 1);
    log.updateHighWatermark(10);
    await log.deleteRecordsBefore(8);
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    quorums.push(quorum);
    await quorum.start(listener());
    expect(fs.readdir(log.dir).filter((n) => n.endsWith('.checkpoint'))).toEqual(['00000000000000000008-0000000001.checkpoint']);
    expect(log.logStartOffset).toBe(8);
  });
});

describe('RaftQuorum and peer messages the core refuses', () => {
  it('logs and drops a response naming a second leader for its epoch, instead of an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const fs = new MemoryFileSystem();
      const log = await metadataLog(fs);
      await writeQuorumState(fs, log.dir, { ...defaultQuorumStateData(), leaderEpoch: 5, leaderId: 2 });
      const logged: Logged[] = [];
      let fetches = 0;
      // Node 2 leads epoch 5 as far as we know; the answer claims node 3 does.
      const send = async (m: OutboundRequest) => {
        if (m.apiKey !== 1) return new Promise(() => undefined);
        fetches++;
        return fetchResponse({ currentLeader: { leaderId: 3, leaderEpoch: 5 }, highWatermark: 0 });
      };
      const quorum = quorumOver(fs, log, send, logged);
      quorums.push(quorum);
      await quorum.start(listener());
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(fetches).toBeGreaterThan(0);
      expect(rejections).toEqual([]);
      expect(logged.filter((l) => l.level >= 50).map((l) => l.msg)).toContain('dropped a Raft message the quorum cannot accept');
      expect(quorum.status).toMatchObject({ role: 'follower', epoch: 5, leaderId: 2 });
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('RaftQuorum and a transport that throws', () => {
  it('treats a request the transport throws on as failed, and keeps driving', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    await writeQuorumState(fs, log.dir, { ...defaultQuorumStateData(), leaderEpoch: 5, leaderId: 2 });
    const logged: Logged[] = [];
    let calls = 0;
    const send = (): Promise<unknown> => {
      calls++;
      throw new Error('cannot encode');
    };
    const quorum = quorumOver(fs, log, send, logged);
    quorums.push(quorum);
    await quorum.start(listener());
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBeGreaterThan(0);
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    // Nothing stopped the driver: it is at rest, waiting for its timer to retry.
    expect(quorum.idle).toBe(true);
  });
});

describe('RaftQuorum when stopping', () => {
  it('drops a Raft request that arrives after stop() (the connection closes) instead of never answering it', async () => {
    const fs = new MemoryFileSystem();
    const log = await metadataLog(fs);
    const quorum = quorumOver(fs, log, () => new Promise(() => undefined));
    await quorum.start(listener());
    await quorum.stop();
    await expect(quorum.handleRequest(52, { ...defaultVoteRequest(), clusterId: null, voterId: -1, topics: [] })).rejects.toThrow('dropped');
  });
});
