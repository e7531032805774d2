// One process per log directory, as Kafka's `.lock` file guarantees: two brokers appending to the
// same segments and metadata log would corrupt both. Kafka holds an OS lock on the file; Node has no
// file locks, so the file names its owner instead: "<pid> <start time>", the start time from
// /proc/<pid>/stat where there is one, so that a pid reused after the owner died (or after a
// reboot) does not count as the owner. A file whose owner is gone is stale and claimed again; an
// empty one (Kafka's own) too. Two starts claiming one stale file at the same moment can both
// win: the window is one unlink and one create, where Kafka's lock has none.
import * as fs from 'node:fs';
import * as pathLib from 'node:path';

export const LOCK_FILE = '.lock';

export class DirInUseError extends Error {
  override readonly name = 'DirInUseError';
  readonly code = 'DIR_IN_USE';

  constructor(readonly dir: string, readonly pid: number) {
    super(`${dir} is in use by another process (pid ${pid}); two brokers on one directory would corrupt it`);
  }
}

interface Owner {
  pid: number;
  /** Clock ticks after boot at which it started, where /proc tells. */
  start: string | undefined;
}

/** Claims `dir` for this process; returns the release, which removes the file if it is still ours. */
export function lockDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = pathLib.join(dir, LOCK_FILE);
  const mine = ownLine();
  const release = (): void => {
    if (readOrEmpty(file) === mine) fs.rmSync(file, { force: true });
  };
  for (;;) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = parseOwner(readOrEmpty(file));
    if (owner !== undefined && isLive(owner)) throw new DirInUseError(dir, owner.pid);
    fs.rmSync(file, { force: true });
  }
}

/** Whether `dir` has a `.lock` that names another process that is gone: what a crashed process
 * left. A directory without one, or with an empty one, is not judged (false). */
export function abandoned(dir: string): boolean {
  const owner = parseOwner(readOrEmpty(pathLib.join(dir, LOCK_FILE)));
  return owner !== undefined && owner.pid !== process.pid && !isLive(owner);
}

let own: string | undefined;

/** This process's line in a `.lock`, read from /proc once: it never changes. */
function ownLine(): string {
  own ??= `${process.pid} ${startTime(process.pid) ?? ''}`.trim() + '\n';
  return own;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function parseOwner(text: string): Owner | undefined {
  const [pid, start] = text.trim().split(' ');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, start } : undefined;
}

/** Another process that is still the one that wrote the file. This process's own pid does not
 * count: a node of this process that crashed (in a test) and starts again takes its file back. */
function isLive(owner: Owner): boolean {
  if (owner.pid === process.pid || !processExists(owner.pid)) return false;
  const start = startTime(owner.pid);
  return owner.start === undefined || start === undefined || start === owner.start;
}

/** Whether a process of that id exists (another user's included). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses).
 * Read into a small buffer: readFileSync reads a file of unknown size (all of /proc) into 64 KiB
 * buffers, and such a buffer, once freed, stays in the idle broker's resident memory. */
function startTime(pid: number): string | undefined {
  try {
    const fd = fs.openSync(`/proc/${pid}/stat`, 'r');
    try {
      const buf = Buffer.allocUnsafe(STAT_BYTES);
      const stat = buf.toString('latin1', 0, fs.readSync(fd, buf, 0, STAT_BYTES, 0));
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Enough for a stat line (about 300 bytes: 52 numbers and a command name of at most 64). */
const STAT_BYTES = 1024;
