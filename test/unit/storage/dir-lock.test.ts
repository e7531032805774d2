// The `.lock` file of a log directory: who counts as its owner, and what is claimed again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { abandoned, DirInUseError, LOCK_FILE, lockDir } from '../../../storage/dir-lock.js';

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

  it('a release does not remove a file another owner wrote since', () => {
    const dir = newDir();
    const release = lockDir(dir);
    fs.writeFileSync(path.join(dir, LOCK_FILE), '1 1\n');
    release();
    expect(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe('1 1\n');
  });
});
