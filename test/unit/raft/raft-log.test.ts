import { describe, expect, it } from 'vitest';
import { describeBatch, encodeDataBatch } from '../../../src/raft/batches.js';
import { metadataEndOffsetForEpoch, snapshotFileStem, validateOffsetAndEpoch } from '../../../src/raft/log-seams.js';
import { MemoryLog, MemorySnapshotStore } from '../../../src/raft/memory-log.js';
import { RaftLog } from '../../../src/raft/raft-log.js';

/** A log with one batch of `count` records per entry of `epochs` (offsets follow on). */
function logWith(epochs: number[], count = 2): { log: MemoryLog; snapshots: MemorySnapshotStore } {
  const snapshots = new MemorySnapshotStore();
  const log = new MemoryLog(snapshots);
  for (const epoch of epochs) {
    log.append(encodeDataBatch(Array.from({ length: count }, (_, i) => Buffer.from(`r${i}`)), log.logEndOffset, epoch, 0));
  }
  return { log, snapshots };
}

describe('MemoryLog.endOffsetForEpoch (KafkaMetadataLog semantics)', () => {
  const { log } = logWith([1, 1, 3, 4]);

  it('ends the latest epoch at the log end and older ones where the next begins', () => {
    expect(log.endOffsetForEpoch(4)).toEqual({ epoch: 4, offset: 8 });
    expect(log.endOffsetForEpoch(3)).toEqual({ epoch: 3, offset: 6 });
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 1, offset: 4 });
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, offset: 4 });
  });

  it('answers an unknown epoch with the log end and last epoch', () => {
    expect(log.endOffsetForEpoch(9)).toEqual({ epoch: 4, offset: 8 });
    expect(new MemoryLog(new MemorySnapshotStore()).endOffsetForEpoch(0)).toEqual({ epoch: 0, offset: 0 });
  });

  it('reads an epoch older than the log as the snapshot at its start', () => {
    expect(metadataEndOffsetForEpoch(2, { epoch: 2, endOffset: 40 }, { logEndOffset: 50, lastFetchedEpoch: 5 }, { endOffset: 40, epoch: 3 })).toEqual({
      epoch: 3,
      offset: 40,
    });
  });
});

describe('validateOffsetAndEpoch', () => {
  it('accepts a follower that matches and finds where one diverges', () => {
    const { log, snapshots } = logWith([1, 2, 2, 4]);
    expect(validateOffsetAndEpoch(log, snapshots, 0, 0)).toEqual({ kind: 'valid' });
    expect(validateOffsetAndEpoch(log, snapshots, 6, 2)).toEqual({ kind: 'valid' });
    expect(validateOffsetAndEpoch(log, snapshots, 7, 2)).toEqual({ kind: 'diverging', epoch: 2, offset: 6 });
    expect(validateOffsetAndEpoch(log, snapshots, 5, 3)).toEqual({ kind: 'diverging', epoch: 2, offset: 6 });
  });

  it('sends a follower behind the log start to the latest snapshot', () => {
    const { log, snapshots } = logWith([1, 1, 2, 2]);
    snapshots.add({ endOffset: 4, epoch: 1 }, Buffer.from('s'));
    log.deleteBefore(4);
    expect(validateOffsetAndEpoch(log, snapshots, 2, 1)).toEqual({ kind: 'snapshot', snapshotId: { endOffset: 4, epoch: 1 } });
    expect(validateOffsetAndEpoch(log, snapshots, 4, 1)).toEqual({ kind: 'valid' });
    expect(validateOffsetAndEpoch(log, snapshots, 4, 0)).toEqual({ kind: 'snapshot', snapshotId: { endOffset: 4, epoch: 1 } });
  });
});

describe('RaftLog overlay', () => {
  it('sees unacknowledged appends and hands them over once', () => {
    const { log, snapshots } = logWith([1]);
    const view = new RaftLog(log, snapshots);
    view.append(describeBatch(encodeDataBatch([Buffer.from('a')], 2, 3, 0)));
    expect([view.logEndOffset, view.lastFetchedEpoch, view.durableEndOffset]).toEqual([3, 3, 2]);
    expect(view.endOffsetForEpoch(1)).toEqual({ epoch: 1, offset: 2 });
    expect(view.endOffsetForEpoch(2)).toEqual({ epoch: 1, offset: 2 });
    expect(view.endOffsetForEpoch(3)).toEqual({ epoch: 3, offset: 3 });
    const changes = view.takeChanges();
    expect(changes.appends).toHaveLength(1);
    expect(view.hasChanges()).toBe(false);
    for (const b of changes.appends) log.append(b);
    view.acknowledgeChanges();
    expect(view.durableEndOffset).toBe(3);
  });

  it('truncates to where the leader says the diverging epoch ends, or to our own epoch end', () => {
    const { log, snapshots } = logWith([1, 2, 2]);
    const view = new RaftLog(log, snapshots);
    expect(view.truncateToEndOffset({ epoch: 2, offset: 4 })).toBe(4);
    expect([view.logEndOffset, view.lastFetchedEpoch]).toEqual([4, 2]);
    expect(view.takeChanges().truncateToOffset).toBe(4);

    const other = logWith([1, 3, 3]);
    const view2 = new RaftLog(other.log, other.snapshots);
    // The leader has epoch 2 ending at 5; we never had epoch 2, so we keep epoch 1 (ends at 2).
    expect(view2.truncateToEndOffset({ epoch: 2, offset: 5 })).toBe(2);
    expect(view2.lastFetchedEpoch).toBe(1);
  });

  it('does not read what the driver holds but has not synced', () => {
    const { log, snapshots } = logWith([1, 1]);
    const view = new RaftLog(log, snapshots);
    view.append(describeBatch(encodeDataBatch([Buffer.from('a')], 4, 1, 0)));
    for (const b of view.takeChanges().appends) log.append(b);
    expect(view.read(0, 1 << 20).length).toBe(log.read(0, 1 << 20).length - log.batches[2]!.bytes.length);
    expect(view.read(4, 1 << 20).length).toBe(0);
  });
});

describe('snapshot ids', () => {
  it('name snapshot files as Kafka does', () => {
    expect(snapshotFileStem({ endOffset: 1234, epoch: 5 })).toBe('00000000000000001234-0000000005');
  });
});
