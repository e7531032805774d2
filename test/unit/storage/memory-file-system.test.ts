import { describe, expect, it } from 'vitest';
import { FileSystemError } from '../../../storage/errors.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { seededRandom } from '../../helpers/storage-batches.js';

async function freshDir(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  fs.mkdir('/d');
  await fs.syncDir('/');
  return fs;
}

describe('MemoryFileSystem', () => {
  it('reads what was written, extends with zeros, truncates', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    f.write(Buffer.from('hello'), 0);
    f.write(Buffer.from('!'), 8);
    expect(fs.readFile('/d/a')).toEqual(Buffer.from('hello\0\0\0!'));
    f.truncate(2);
    const target = Buffer.alloc(5);
    expect(f.read(target, 0)).toBe(2);
    expect(target.subarray(0, 2).toString()).toBe('he');
    expect(fs.stat('/d/a')).toEqual({ size: 2, isDirectory: false });
    expect(fs.readdir('/d')).toEqual(['a']);
  });

  it('keeps only synced bytes across a crash', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    await fs.syncDir('/d');
    f.write(Buffer.from('synced'), 0);
    await f.sync();
    f.write(Buffer.from('-lost'), 6);
    fs.crash();
    expect(fs.readFile('/d/a').toString()).toBe('synced');
  });

  it('undoes a truncation that was not synced', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    await fs.syncDir('/d');
    f.write(Buffer.from('0123456789'), 0);
    await f.sync();
    f.truncate(3);
    f.write(Buffer.from('xy'), 3);
    fs.crash();
    expect(fs.readFile('/d/a').toString()).toBe('0123456789');
  });

  it('a sync covers what was written before it was called, not after', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    await fs.syncDir('/d');
    f.write(Buffer.from('aaaa'), 0);
    const syncing = f.sync();
    f.write(Buffer.from('b'), 1);
    f.write(Buffer.from('cc'), 4);
    await syncing;
    fs.crash();
    expect(fs.readFile('/d/a').toString()).toBe('aaaa');
  });

  it('loses a sync still in flight at the crash, which never settles', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    await fs.syncDir('/d');
    f.write(Buffer.from('data'), 0);
    let settled = false;
    void f.sync().finally(() => {
      settled = true;
    });
    fs.crash();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(fs.readFile('/d/a').length).toBe(0);
    expect(() => f.write(Buffer.from('x'), 0)).toThrow(expect.objectContaining({ code: 'EBADF' }));
  });

  it('forgets creates, renames and unlinks not followed by a directory sync', async () => {
    const fs = await freshDir();
    const kept = fs.open('/d/kept', { create: true });
    kept.write(Buffer.from('k'), 0);
    await kept.sync();
    await fs.syncDir('/d');
    const created = fs.open('/d/new', { create: true });
    await created.sync();
    fs.rename('/d/kept', '/d/renamed');
    fs.crash();
    expect(fs.readdir('/d')).toEqual(['kept']);
    fs.unlink('/d/kept');
    fs.crash();
    expect(fs.readdir('/d')).toEqual(['kept']);
    fs.unlink('/d/kept');
    await fs.syncDir('/d');
    fs.crash();
    expect(fs.readdir('/d')).toEqual([]);
  });

  it('forgets a directory created without syncing its parent', async () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('/x/y');
    await fs.syncDir('/x');
    fs.crash();
    expect(fs.stat('/x')).toBeUndefined();
  });

  it('writeFileAtomic survives a crash with the old or the new content', async () => {
    const fs = await freshDir();
    await fs.writeFileAtomic('/d/cp', Buffer.from('one'));
    fs.crash();
    expect(fs.readFile('/d/cp').toString()).toBe('one');
    const writing = fs.writeFileAtomic('/d/cp', Buffer.from('two'));
    fs.crash();
    void writing;
    expect(fs.readFile('/d/cp').toString()).toBe('one');
  });

  it('a torn crash keeps a prefix of the unsynced appended bytes, possibly ending in zeros', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    await fs.syncDir('/d');
    f.write(Buffer.from('base'), 0);
    await f.sync();
    const tail = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    f.write(tail, 4);
    fs.crash({ random: seededRandom(3) });
    const content = fs.readFile('/d/a');
    expect(content.subarray(0, 4).toString()).toBe('base');
    const kept = content.subarray(4);
    expect(kept.length).toBeLessThanOrEqual(tail.length);
    const written = kept.findIndex((b, i) => b !== tail[i]);
    if (written >= 0) expect([...kept.subarray(written)].every((b) => b === 0)).toBe(true);
  });

  it('fails the next write or sync on request with a stable code', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    fs.failNext('write');
    expect(() => f.write(Buffer.from('x'), 0)).toThrow(FileSystemError);
    expect(fs.readFile('/d/a').length).toBe(0);
    f.write(Buffer.from('x'), 0);
    fs.failNext('sync', 'ENOSPC');
    await expect(f.sync()).rejects.toMatchObject({ code: 'ENOSPC', syscall: 'sync', path: '/d/a' });
    await f.sync();
  });

  it('reports missing paths as ENOENT', () => {
    const fs = new MemoryFileSystem();
    expect(() => fs.open('/nope/a')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.readFile('/a')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(fs.stat('/a')).toBeUndefined();
  });

  it('shows what a crash now would keep (durableFile), without crashing', async () => {
    const fs = await freshDir();
    const f = fs.open('/d/a', { create: true });
    f.write(Buffer.from('one'), 0);
    await f.sync();
    // Synced bytes, but the name is not durable until the directory is synced.
    expect(fs.durableFile('/d/a')).toBeUndefined();
    await fs.syncDir('/d');
    f.write(Buffer.from('two'), 3);
    expect(fs.durableFile('/d/a')?.toString()).toBe('one');
    fs.crash();
    expect(fs.readFile('/d/a').toString()).toBe('one');
  });
});
