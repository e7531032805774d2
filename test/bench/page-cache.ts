// Drops files from the page cache, so a read after it comes from the disk: each file is synced (a
// dirty page cannot be dropped) and then advised POSIX_FADV_DONTNEED. Node has no posix_fadvise;
// python3's os module has, so it does the work. No privilege is needed (unlike drop_caches).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
