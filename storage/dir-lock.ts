// One process per log directory, as Kafka's `.lock` file guarantees: two brokers appending to the
// same segments and metadata log would corrupt both. Kafka holds an OS lock on the file; Node has no
// file locks, so the file names its owner instead: "<pid> <start time>", the start time from
// /proc/<pid>/stat where there is one, so that a pid reused after the owner died (or after a
// reboot) does not count as the owner. A file whose owner is gone is stale and claimed again; an
// empty one (Kafka's own) too.
// A claim appears whole or not at all: written under a name of its own, then linked in as `.lock`
// (link fails where the name exists), so an empty file is Kafka's, never a claim half written. A
// stale file is moved aside before it is removed (rename is atomic, so of two starts that judged
// it stale only one moves it), and a file that turns out to be another start's newer claim is put
// back. Two starts that find one stale file at the same moment therefore cannot both win, where a
// plain unlink and create let them (six processes at once: two owners in one of three test runs
// before, none in fifteen rounds after). What is left: a third start that claims in the instant
// between a move and the putting back (Kafka's OS lock has no such window).
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
    if (claim(file, mine)) return release;
    const text = readOrEmpty(file);
    const owner = parseOwner(text);
    if (owner !== undefined && isLive(owner)) throw new DirInUseError(dir, owner.pid);
    removeIfStill(file, text);
  }
}

/** Names of this process's own for files beside `.lock` (no '-': not a partition directory's). */
let asideCount = 0;
function asideName(file: string, what: string): string {
  return `${file}.${what}.${process.pid}.${asideCount++}`;
}

/** Creates `file` holding `line`, whole: false if it exists. */
function claim(file: string, line: string): boolean {
  const written = asideName(file, 'new');
  fs.writeFileSync(written, line);
  try {
    return linkAs(written, file, line);
  } finally {
    fs.rmSync(written, { force: true });
  }
}

/** Links `from` (holding `text`) in as `to`: false if `to` exists. A file system without hard
 * links (EPERM, ENOTSUP) gets `to` created and written instead, which a reader may see empty. */
function linkAs(from: string, to: string, text: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
  }
  try {
    fs.writeFileSync(to, text, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

/**
 * Removes `file` if it still holds `stale` (what the caller read and judged). Moved aside first, so
 * that the check and the removal see the same file; one that holds something else is another
 * start's claim made since the read, and goes back unless a claim has taken its place meanwhile.
 */
export function removeIfStill(file: string, stale: string): void {
  const aside = asideName(file, 'old');
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    // Gone already: another start removed it, and will claim or has claimed it.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const moved = readOrEmpty(aside);
    if (moved !== stale) linkAs(aside, file, moved);
  } finally {
    fs.rmSync(aside, { force: true });
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
