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

/** The size of each read of the disk baselines, as a consumer's fetch of one partition. */
const READ_BYTES = 1 << 20;

/** Every regular file under `dir`. */
export function filesUnder(dir: string): string[] {
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
 * The machine's own rate for what the broker's first read from the disk does: `files` files (a
 * topic's partitions) of `bytes` together, written once, synced and dropped from the page cache,
 * then each read from start to end in 1 MiB reads, all files at once on the thread pool, as the
 * broker's fetches read their partitions' large ranges. One file read one 1 MiB read at a time
 * measured 460-850 MB/s, which the broker, reading several partitions at once, went past; one file
 * read four reads at a time, 235 MB/s (the reads out of order defeat the kernel's read-ahead).
 * Files written just for this, so that they are as fresh as the broker's segments were (on the
 * bench VM a second read of dropped pages is far faster: the host caches them). Null when python3
 * is not there to drop them.
 */
export async function diskReadBaseline(bytes: number, files: number): Promise<{ mbPerSec: number; cpu: number } | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-disk-'));
  try {
    const chunk = Buffer.alloc(READ_BYTES);
    for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
    const names = Array.from({ length: files }, (_, i) => path.join(dir, `baseline-${i}.bin`));
    for (const name of names) {
      const fd = fs.openSync(name, 'w');
      try {
        for (let written = 0; written < bytes / files; written += chunk.length) fs.writeSync(fd, chunk);
      } finally {
        fs.closeSync(fd);
      }
    }
    if (!dropFromPageCache(dir)) return null;
    return await readAtOnce(names);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads each of `files` from start to end in 1 MiB reads, all files at once on the thread pool. */
export async function readAtOnce(files: readonly string[]): Promise<{ mbPerSec: number; cpu: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let read = 0;
  await Promise.all(files.map(async (name) => {
    const handle = await fs.promises.open(name, 'r');
    const target = Buffer.allocUnsafe(READ_BYTES);
    try {
      for (let n; (n = (await handle.read(target, 0, target.length, null)).bytesRead) > 0;) read += n;
    } finally {
      await handle.close();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // This process's CPU, its thread pool's included (where the reads run).
  return { mbPerSec: read / 1e6 / seconds, cpu: (cpu.user + cpu.system) / 1e6 / seconds };
}

const PRIME_SCRIPT = `
const chunks = [];
for (let left = Number(process.argv[1]); left > 0; left -= 64 << 20) chunks.push(Buffer.alloc(64 << 20, 1));
`;

/**
 * Touches `bytes` of memory in a child process that then exits, so that much free memory is memory
 * the machine has handed out before. In a VM that returns free memory to its host (free page
 * reporting), a page the guest takes from the free lists costs a fault in the host on its first
 * write: whichever process's page cache grows into such pages pays seven to twelve times as much
 * CPU per byte written (1.2 GB written took 0.25-0.30 s of system time into recycled pages, 2.1-3.0 s
 * into handed-back ones), and which process that is depends on what ran before. A replication run writes
 * each byte three times; primed memory makes the figure the brokers' and not that draw.
 */
export function primeFreeMemory(bytes: number): void {
  spawnSync(process.execPath, ['-e', PRIME_SCRIPT, String(bytes)], { stdio: 'ignore' });
}
