// A killed node's leftovers (a write after an await, a flush on a timer) must not touch its files:
// its restarted successor owns them now.
import { describe, expect, it } from 'vitest';
import { KillableFileSystem } from '../../../storage/killable-file-system.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';

/** A memory file system that lists on a later turn, as the Node one does on its thread pool. */
class ListingLater extends MemoryFileSystem {
  listings = 0;

  async readdirAsync(path: string): Promise<string[]> {
    this.listings++;
    await new Promise((resolve) => setImmediate(resolve));
    return this.readdir(path);
  }
}

describe('KillableFileSystem', () => {
  it('passes everything through until kill(), then writes nothing, reads nothing and never syncs', async () => {
    const disk = new MemoryFileSystem();
    disk.mkdir('/d');
    const files = new KillableFileSystem(disk);
    const f = files.open('/d/log', { create: true });
    f.write(Buffer.from('before'), 0);
    await f.sync();
    files.kill();
    f.write(Buffer.from('AFTER!'), 0);
    f.truncate(1);
    files.rename('/d/log', '/d/moved');
    files.unlink('/d/log');
    files.mkdir('/d/new');
    expect(disk.readFile('/d/log')).toEqual(Buffer.from('before'));
    expect(disk.stat('/d/moved')).toBeUndefined();
    expect(disk.stat('/d/new')).toBeUndefined();
    expect(files.readdir('/d')).toEqual([]);
    const late = files.open('/d/late', { create: true });
    late.write(Buffer.from('x'), 0);
    expect(disk.stat('/d/late')).toBeUndefined();
    let settled = false;
    void f.sync().then(() => { settled = true; });
    void files.writeFileAtomic('/d/state', Buffer.from('s')).then(() => { settled = true; });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    expect(disk.stat('/d/state')).toBeUndefined();
  });

  it('lists on the thread pool only where the inner file system does, and a listing the kill overtook finds nothing', async () => {
    expect(new KillableFileSystem(new MemoryFileSystem()).readdirAsync).toBeUndefined();
    const disk = new ListingLater();
    disk.mkdir('/d/a-0');
    const files = new KillableFileSystem(disk);
    expect(await files.readdirAsync!('/d')).toEqual(['a-0']);
    const overtaken = files.readdirAsync!('/d');
    files.kill();
    expect(await overtaken).toEqual([]);
    expect(await files.readdirAsync!('/d')).toEqual([]);
    expect(disk.listings).toBe(2);
  });

  it('an atomic replace cut by kill() between its steps does not rename its temp file over the old one', async () => {
    const disk = new MemoryFileSystem();
    disk.mkdir('/d');
    await disk.writeFileAtomic('/d/state', Buffer.from('old'));
    const files = new KillableFileSystem(disk);
    const writing = files.writeFileAtomic('/d/state', Buffer.from('new'));
    files.kill();
    void writing;
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(disk.readFile('/d/state')).toEqual(Buffer.from('old'));
  });
});
