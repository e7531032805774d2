// A fetch reads large ranges on the thread pool (but a consumer's of the newest 4 MiB at once): the
// answer waits for them and holds the same records a read at once gives, within the same budget. A read that fails there fails the fetch
// (its connection closes, as for a failed read at once), and a pass dropped for too few bytes
// leaves no unhandled rejection behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { fetch, type FetchPartitionInput, type FetchPartitionOutput } from '../../../src/replication/fetch.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { FileSystemError } from '../../../storage/errors.js';
import type { FileHandle, FileSystem } from '../../../storage/file-system.js';
import { ForwardingFileSystem } from '../../../storage/forwarding-file-system.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { NodeFileSystem } from '../../../storage/node-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

/** Segment reads on the thread pool fail with EIO while `failing` is set. */
class FailingReads extends ForwardingFileSystem {
  failing = false;

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const handle = super.open(path, options);
    if (!path.endsWith('.log')) return handle;
    return Object.assign(Object.create(handle) as FileHandle, {
      readAsync: (target: Uint8Array, position: number): Promise<number> => (this.failing
        ? Promise.reject(new FileSystemError('EIO', 'pread', path))
        : handle.readAsync!(target, position)),
    });
  }
}

let root: string;
/** Of 20 records of 4,000 bytes, in each partition. */
const BATCHES = 60;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kraftling-fetch-large-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Two partitions of about 4.8 MB each on node:fs (through `wrap`): reads from their start are older
 * than the newest 4 MiB. */
async function replicas(wrap: (fs: FileSystem) => FileSystem = (fs) => fs, replicasOf = [1]): Promise<ReplicaManager> {
  const fs = wrap(new NodeFileSystem({ durable: false }));
  const { logDir } = await LogDir.open({ fs, path: root, nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs: () => 0 });
  await rm.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 2, () => replicasOf)), EMPTY_IMAGE);
  for (let i = 0; i < BATCHES; i++) {
    for (let p = 0; p < 2; p++) {
      const batch = encodeTestBatch({ recordCount: 20, valueBytes: 4000, fill: 0x40 + p * 10 + i });
      expect((await rm.produce('t', p, batch, { acks: 1, timeoutMs: 1_000, requestVersion: 9 })).errorCode).toBe(ErrorCode.NONE);
    }
  }
  return rm;
}

const at = (partition: number, fetchOffset = 0, partitionMaxBytes = 1 << 20): FetchPartitionInput => ({
  topic: 't', partition, fetchOffset, partitionMaxBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1,
});

function consume(rm: ReplicaManager, partitions: FetchPartitionInput[], maxBytes = 1 << 30, minBytes = 1, maxWaitMs = 0):
  FetchPartitionOutput[] | Promise<FetchPartitionOutput[]> {
  return fetch(rm, { replicaId: -1, maxWaitMs, minBytes, maxBytes, partitions });
}

describe('a fetch with reads on the thread pool', () => {
  it('answers once they are done, with the records a read at once gives', async () => {
    const rm = await replicas();
    const large = consume(rm, [at(0), at(1, 45)]);
    expect(large).toBeInstanceOf(Promise);
    const out = await large;
    const readAtOnce = (p: number, from: number): Buffer => {
      const found = rm.lookup('t', p);
      if ('errorCode' in found) throw new Error('not hosted');
      const read = found.partition.log.read(from, 1 << 20, found.partition.log.highWatermark);
      return 'records' in read ? read.records : Buffer.alloc(0);
    };
    expect(out.map((o) => o.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    expect(out[0]!.records!.length).toBeGreaterThan(256 * 1024);
    expect(out[0]!.records!.equals(readAtOnce(0, 0))).toBe(true);
    expect(out[1]!.records!.equals(readAtOnce(1, 45))).toBe(true);
    expect(out[0]!.highWatermark).toBe(BATCHES * 20);
  });

  it('keeps to max_bytes: a read counts at its upper bound, so a later partition gets what is left', async () => {
    const rm = await replicas();
    const out = await consume(rm, [at(0), at(1)], 600_000);
    const [first, second] = out.map((o) => o.records!.length);
    expect(first).toBeGreaterThan(256 * 1024);
    expect(first! + second!).toBeLessThanOrEqual(600_000);
  });

  it('reads a consumer\'s newest 4 MiB at once, and a follower\'s on the pool', async () => {
    const rm = await replicas(undefined, [1, 2]);
    const end = BATCHES * 20;
    // Follower 2 reads the last five batches (400 KB): the high watermark moves to where it read from.
    const follower = fetch(rm, { replicaId: 2, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 30, partitions: [at(0, end - 100)] });
    expect(follower).toBeInstanceOf(Promise);
    expect((await follower)[0]!.records!.length).toBeGreaterThan(256 * 1024);
    // A consumer 20 batches behind that (1.6 MB from the end) gets its 1 MiB at once.
    const consumer = consume(rm, [at(0, end - 500)]);
    expect(consumer).not.toBeInstanceOf(Promise);
    const [out] = consumer as FetchPartitionOutput[];
    expect(out!.highWatermark).toBe(end - 100);
    expect(out!.records!.length).toBeGreaterThan(256 * 1024);
  });

  it('fails when a read fails, also in a pass dropped for too few bytes', async () => {
    let fs: FailingReads | undefined;
    const rm = await replicas((inner) => (fs = new FailingReads(inner)));
    fs!.failing = true;
    await expect(consume(rm, [at(0)])).rejects.toMatchObject({ code: 'EIO' });
    // min_bytes above what there is: the first pass (whose read fails) is dropped, the fetch waits
    // out max_wait, and its last pass fails too. Vitest fails the test on an unhandled rejection.
    await expect(consume(rm, [at(0)], 1 << 30, 10 << 20, 50)).rejects.toMatchObject({ code: 'EIO' });
    fs!.failing = false;
    const [ok] = await consume(rm, [at(0)]);
    expect(ok!.records!.length).toBeGreaterThan(256 * 1024);
  });
});
