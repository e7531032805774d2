// Metadata snapshot files: what the Raft core is offered, and what is on disk, through a rise of
// the log start (forget first, delete after) and a crash of a download.
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { FileSnapshotStore } from '../../../src/kraft/snapshot-files.js';

const DIR = '/m';

async function store(): Promise<{ fs: MemoryFileSystem; snapshots: FileSnapshotStore }> {
  const fs = new MemoryFileSystem();
  fs.mkdir(DIR);
  await fs.syncDir('/');
  const snapshots = FileSnapshotStore.open(fs, DIR);
  await snapshots.create({ endOffset: 4, epoch: 1 }, Buffer.from('four'));
  await snapshots.create({ endOffset: 8, epoch: 2 }, Buffer.from('eight'));
  return { fs, snapshots };
}

describe('FileSnapshotStore', () => {
  it('stops offering older snapshots at once (forgetBefore) and deletes their files later (deleteBefore)', async () => {
    const { fs, snapshots } = await store();
    snapshots.forgetBefore(8);
    expect(snapshots.earliestSnapshotId()).toEqual({ endOffset: 8, epoch: 2 });
    expect(snapshots.snapshotSizeBytes({ endOffset: 4, epoch: 1 })).toBeUndefined();
    expect(fs.readdir(DIR)).toContain('00000000000000000004-0000000001.checkpoint');
    await snapshots.deleteBefore(8);
    expect(fs.readdir(DIR)).toEqual(['00000000000000000008-0000000002.checkpoint']);
  });

  it('publishes a download only whole: a crash before install leaves no snapshot under the real name', async () => {
    const { fs, snapshots } = await store();
    const id = { endOffset: 12, epoch: 3 };
    snapshots.writeChunk(id, 0, Buffer.from('twel'));
    fs.crash();
    const reopened = FileSnapshotStore.open(fs, DIR);
    expect(reopened.latestSnapshotId()).toEqual({ endOffset: 8, epoch: 2 });
    expect(fs.readdir(DIR).some((n) => n.endsWith('.part'))).toBe(false);
  });
});
