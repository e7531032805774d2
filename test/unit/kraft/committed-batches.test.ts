// Replaying committed metadata reads the log a chunk at a time into one buffer that is used again:
// every batch comes out once and whole, batches larger than the buffer included, and nothing
// decoded from one chunk changes when the next chunk overwrites the buffer. The voter scan at start
// reads a log of many chunks the same way.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { committedBatches, MetadataLog } from '../../../src/kraft/metadata-log.js';
import { FileSnapshotStore } from '../../../src/kraft/snapshot-files.js';
import { defaultRaftConfig } from '../../../src/raft/config.js';
import { QuorumVoters } from '../../../src/raft/quorum-voters.js';
import { MetadataDelta } from '../../../src/metadata/delta.js';
import { recordsOf } from '../../../src/metadata/metadata-batch.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { encodeMetadataRecord, MetadataRecordType, record, type AnyMetadataRecord } from '../../../src/metadata/records.js';
import { encodeDataBatch } from '../../../src/raft/batches.js';
import { encodeVotersBatch } from '../../../src/raft/voter-history.js';
import { VoterSet } from '../../../src/raft/voter-set.js';

const SALT = Buffer.from('0123456789abcdef0123456789abcdef');
const STORED = Buffer.alloc(32, 7);
const SERVER = Buffer.alloc(32, 9);

/** A metadata log of batches from 1 to 90 config records (about 40 bytes each), a control batch
 * among them, and a SCRAM credential first, whose bytes are views of the read buffer when decoded. */
async function metadataLog(): Promise<{ log: PartitionLog; written: AnyMetadataRecord[][]; bases: number[] }> {
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/data', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
  const log = await logDir.getOrCreate('__cluster_metadata', 0);
  const written: AnyMetadataRecord[][] = [];
  const bases: number[] = [];
  const scram = record(MetadataRecordType.USER_SCRAM_CREDENTIAL, { name: 'alice', mechanism: 1, salt: SALT, storedKey: STORED, serverKey: SERVER, iterations: 4096 });
  for (let b = 0; b < 60; b++) {
    if (b === 20) {
      bases.push(log.logEndOffset);
      await log.appendAsFollower(encodeVotersBatch(1, VoterSet.fromIds([1]), log.logEndOffset, 1, 0));
      written.push([]);
    }
    const records = b === 0 ? [scram] : Array.from({ length: 1 + ((b * 37) % 90) }, (_, i) =>
      record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: `topic-${b}`, name: `config-${i}`, value: `${b * 1000 + i}` }));
    bases.push(log.logEndOffset);
    await log.appendAsFollower(encodeDataBatch(records.map(encodeMetadataRecord), log.logEndOffset, 1, 0));
    written.push(records);
  }
  log.updateHighWatermark(log.logEndOffset);
  return { log, written, bases };
}

describe('committed metadata read into one buffer', () => {
  it('yields every batch once, whole, with buffers smaller and larger than the batches', async () => {
    const { log, written, bases } = await metadataLog();
    for (const size of [64, 1000, 4096, 1 << 20]) {
      // Each batch as it comes: a SCRAM record's bytes are views of the buffer until the next read.
      let i = 0;
      for (const batch of committedBatches(log, 0, log.logEndOffset, Buffer.alloc(size))) {
        expect(batch.recordCount).toBe(written[i]!.length);
        expect(recordsOf([batch])).toEqual(written[i]);
        expect(batch.baseOffset).toBe(bases[i++]);
      }
      expect(i).toBe(written.length);
      // From the middle of a batch: that whole batch comes again, as a follower's read does.
      const from = [...committedBatches(log, 25, log.logEndOffset, Buffer.alloc(size))];
      expect(from[0]!.baseOffset).toBeLessThanOrEqual(25);
      expect(from.at(-1)!.lastOffset).toBe(log.logEndOffset - 1);
    }
  });

  it('leaves nothing in the image that a later read overwrites', async () => {
    const { log } = await metadataLog();
    const delta = new MetadataDelta(EMPTY_IMAGE);
    for (const batch of committedBatches(log, 0, log.logEndOffset, Buffer.alloc(4096))) {
      batch.forEachRecord((r) => delta.apply(r));
    }
    const image = delta.finish(log.logEndOffset - 1, 1);
    const credential = image.scramCredentials.get('alice')!.get(1)!;
    expect(credential.salt).toEqual(SALT);
    expect(credential.storedKey).toEqual(STORED);
    expect(credential.serverKey).toEqual(SERVER);
    expect(image.configs.get(`2:topic-59`)?.get('config-0')).toBe('59000');
  });

  it('scans a log of several megabytes for its voters, the last ones past the first chunks', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open({ fs, path: '/data', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
    const log = await logDir.getOrCreate('__cluster_metadata', 0);
    const filler = (b: number) => Array.from({ length: 200 }, (_, i) =>
      encodeMetadataRecord(record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: `topic-${b}`, name: `config-${i}`, value: 'x'.repeat(20) })));
    let lastVoters = -1;
    for (let b = 0; b < 300; b++) {
      if (b === 0 || b === 150 || b === 290) {
        lastVoters = log.logEndOffset;
        await log.appendAsFollower(encodeVotersBatch(1, VoterSet.fromIds(b === 290 ? [1, 2, 3] : [1, b + 1]), log.logEndOffset, 1, 0));
      }
      await log.appendAsFollower(encodeDataBatch(filler(b), log.logEndOffset, 1, 0));
    }
    expect(log.sizeBytes).toBeGreaterThan(3 << 20);
    const snapshots = FileSnapshotStore.open(fs, log.dir);
    const voters = new QuorumVoters(defaultRaftConfig(1, []), new MetadataLog(log, snapshots), snapshots);
    expect(voters.voters.ids).toEqual([1, 2, 3]);
    expect(voters.votersOffset).toBe(lastVoters + 1);
    expect(voters.previousVoters()?.ids).toEqual([1, 151]);
  });
});
