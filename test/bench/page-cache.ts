// Drops files from the page cache, so a read after it comes from the disk: each file is synced (a
// dirty page cannot be dropped) and then advised POSIX_FADV_DONTNEED. Node has no posix_fadvise;
// python3's os module has, so it does the work. No privilege is needed (unlike drop_caches).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = `
import os, sys
for name in sys.argv[1:]:
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
`;

/** Every regular file under `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.isFile() ? [full] : [];
  });
}

/** Drops the files under `dir` from the page cache; false when python3 is not there to do it. */
export function dropFromPageCache(dir: string): boolean {
  const files = filesUnder(dir);
  const result = spawnSync('python3', ['-c', SCRIPT, ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error !== undefined) return false;
  if (result.status !== 0) throw new Error(`dropping ${dir} from the page cache failed: ${result.stderr.toString()}`);
  return true;
}

/**
 * The machine's own rate for what the broker's first read from the disk does: a file of `bytes`
 * written once, synced and dropped from the page cache, then read from start to end in 1 MiB
 * reads, as one process reading a log does. A file written just for this, so that it is as fresh
 * as the broker's segments were (on the bench VM a second read of dropped pages is far faster:
 * the host caches them). Null when python3 is not there to drop it.
 */
export function diskReadBaseline(bytes: number): { mbPerSec: number } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-disk-'));
  try {
    const file = path.join(dir, 'baseline.bin');
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
    const fd = fs.openSync(file, 'w');
    try {
      for (let written = 0; written < bytes; written += chunk.length) fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    if (!dropFromPageCache(dir)) return null;
    const rfd = fs.openSync(file, 'r');
    const started = performance.now();
    let read = 0;
    try {
      for (let n; (n = fs.readSync(rfd, chunk, 0, chunk.length, read)) > 0;) read += n;
    } finally {
      fs.closeSync(rfd);
    }
    return { mbPerSec: read / 1e6 / ((performance.now() - started) / 1000) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const PRIME_SCRIPT = `
const chunks = [];
for (let left = Number(process.argv[1]); left > 0; left -= 64 << 20) chunks.push(Buffer.alloc(64 << 20, 1));
`;

/**
 * Touches `bytes` of memory in a child process that then exits, so that much free memory is memory
 * the machine has handed out before. In a VM that returns free memory to its host (free page
 * reporting), a page the guest takes from the free lists costs a fault in the host on its first
 * write: whichever process's page cache grows into such pages pays two to eight times as much CPU
 * per byte written, and which process that is depends on what ran before. A replication run writes
 * each byte three times; primed memory makes the figure the brokers' and not that draw.
 */
export function primeFreeMemory(bytes: number): void {
  spawnSync(process.execPath, ['-e', PRIME_SCRIPT, String(bytes)], { stdio: 'ignore' });
}
