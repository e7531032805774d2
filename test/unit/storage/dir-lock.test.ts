// The `.lock` file of a log directory: who counts as its owner, and what is claimed again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { abandoned, DirInUseError, LOCK_FILE, lockDir, removeIfStill } from '../../../storage/dir-lock.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-dir-lock-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let others: ChildProcess[] = [];
afterEach(() => {
  for (const child of others) child.kill('SIGKILL');
  others = [];
});

let dirs = 0;
function newDir(): string {
  return path.join(root, `dir-${dirs++}`);
}

/** Another live process, and the start time /proc gives for it. */
async function otherProcess(): Promise<{ pid: number; start: string }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  others.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  return { pid: child.pid!, start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]! };
}

describe.skipIf(process.platform !== 'linux')('lockDir', () => {
  it('writes this process into the file and removes it on release', () => {
    const dir = newDir();
    const release = lockDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+\\n$`));
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a directory another live process holds, and leaves its file alone', async () => {
    const dir = newDir();
    const other = await otherProcess();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${other.pid} ${other.start}\n`);
    expect(() => lockDir(dir)).toThrow(DirInUseError);
    expect(() => lockDir(dir)).toThrow(`pid ${other.pid}`);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(`${other.pid} ${other.start}\n`);
  });

  it.each([
    ['a process that has exited (kill -9 leaves the file)', async () => {
      const other = await otherProcess();
      others.at(-1)!.kill('SIGKILL');
      await new Promise((resolve) => others.at(-1)!.once('exit', resolve));
      return `${other.pid} ${other.start}\n`;
    }],
    ['a pid now used by a process that started later', async () => `${(await otherProcess()).pid} 1\n`],
    ['nothing (Kafka leaves its .lock empty)', async () => ''],
    ['something that is not a pid', async () => 'garbage\n'],
    ['this process (a node of it that crashed and starts again)', async () => `${process.pid}\n`],
  ])('claims a file naming %s', async (_, contents) => {
    const dir = newDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, LOCK_FILE), await contents());
    const release = lockDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    release();
  });

  it('calls a directory abandoned only when its file names another process that is gone', async () => {
    const withLock = (text: string | undefined): string => {
      const dir = newDir();
      fs.mkdirSync(dir, { recursive: true });
      if (text !== undefined) fs.writeFileSync(path.join(dir, LOCK_FILE), text);
      return dir;
    };
    const gone = await otherProcess();
    others.at(-1)!.kill('SIGKILL');
    await new Promise((resolve) => others.at(-1)!.once('exit', resolve));
    const live = await otherProcess();
    expect(abandoned(withLock(`${gone.pid} ${gone.start}\n`))).toBe(true);
    expect(abandoned(withLock(`${live.pid} ${live.start}\n`))).toBe(false);
    expect(abandoned(withLock(`${process.pid}\n`))).toBe(false);
    expect(abandoned(withLock(''))).toBe(false);
    expect(abandoned(withLock(undefined))).toBe(false);
  });

  it('removes a stale file only while it still holds what was judged, and leaves nothing beside it', () => {
    const dir = newDir();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '1 1\n');
    removeIfStill(file, '1 1\n');
    expect(fs.readdirSync(dir)).toEqual([]);
    // Another start's claim made since the read goes back.
    fs.writeFileSync(file, '2 2\n');
    removeIfStill(file, '1 1\n');
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    expect(fs.readFileSync(file, 'utf8')).toBe('2 2\n');
    // Removed by another start meanwhile: nothing to do.
    fs.rmSync(file);
    removeIfStill(file, '1 1\n');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('a claim, taken or refused, leaves nothing in the directory but .lock', async () => {
    const dir = newDir();
    const release = lockDir(dir);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    release();
    const other = await otherProcess();
    fs.writeFileSync(path.join(dir, LOCK_FILE), `${other.pid} ${other.start}\n`);
    expect(() => lockDir(dir)).toThrow(DirInUseError);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('takes a directory where a start killed halfway through its claim left files beside .lock', async () => {
    const dead = await otherProcess();
    others.at(-1)!.kill('SIGKILL');
    await new Promise((resolve) => others.at(-1)!.once('exit', resolve));
    const dir = newDir();
    fs.mkdirSync(dir, { recursive: true });
    const line = `${dead.pid} ${dead.start}\n`;
    fs.writeFileSync(path.join(dir, LOCK_FILE), line);
    fs.writeFileSync(path.join(dir, `${LOCK_FILE}.new.${dead.pid}.0`), line);
    fs.writeFileSync(path.join(dir, `${LOCK_FILE}.old.${dead.pid}.1`), line);
    const release = lockDir(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    release();
  });

  it('claims and takes over on a file system without hard links, by creating the file', async () => {
    const linkSync = vi.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });
    syncBuiltinESMExports();
    try {
      const dir = newDir();
      lockDir(dir)();
      fs.writeFileSync(path.join(dir, LOCK_FILE), 'garbage\n');
      lockDir(dir);
      expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
      expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
      const other = await otherProcess();
      fs.writeFileSync(path.join(dir, LOCK_FILE), `${other.pid} ${other.start}\n`);
      expect(() => lockDir(dir)).toThrow(DirInUseError);
      expect(linkSync).toHaveBeenCalled();
    } finally {
      linkSync.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it('of several processes that find one stale file at the same moment, one takes the directory', async () => {
    const dead = await otherProcess();
    others.at(-1)!.kill('SIGKILL');
    await new Promise((resolve) => others.at(-1)!.once('exit', resolve));
    const module = fileURLToPath(new URL('../../../storage/dir-lock.ts', import.meta.url));
    // Each waits for the same instant, then claims; a winner stays alive (its claim stays live).
    const script = `
      const { lockDir } = await import(${JSON.stringify(module)});
      const [dir, at] = process.argv.slice(1);
      while (Date.now() < Number(at)) {}
      try {
        lockDir(dir);
        process.stdout.write('won');
        setTimeout(() => {}, 60000);
      } catch (err) {
        process.stdout.write(err.code === 'DIR_IN_USE' ? 'refused' : 'failed: ' + err.message);
        process.exitCode = 0;
      }`;
    for (let round = 0; round < 3; round++) {
      const dir = newDir();
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, LOCK_FILE), `${dead.pid} ${dead.start}\n`);
      const at = Date.now() + 2500;
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, String(at)], { stdio: ['ignore', 'pipe', 'inherit'] });
        others.push(child);
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          resolve(out);
        });
        child.once('exit', () => resolve(out));
      })));
      expect(outcomes.sort()).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'won']);
      expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
      for (const child of others.splice(-6)) child.kill('SIGKILL');
    }
  });

  it('a release does not remove a file another owner wrote since', () => {
    const dir = newDir();
    const release = lockDir(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), '1 1\n');
    release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe('1 1\n');
  });
});
