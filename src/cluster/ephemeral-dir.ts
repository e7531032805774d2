// A cluster's temporary data directory (`--ephemeral`, or no data directory given): made under the
// temp directory and claimed with a `.lock` at its top; the cluster's stop removes it. A process
// killed before its stop (a test runner's worker at its timeout, Ctrl-C of a test run, kill -9)
// left it behind for good. The first such directory a process makes now also removes, in the
// background, the ones whose owner is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { abandoned, lockDir } from '../../storage/dir-lock.js';

/** mkdtemp's six characters after the prefix: not the port claims, a Go build cache or a test's
 * `kraftling-<name>-` directory. */
const EPHEMERAL_NAME = /^kraftling-[A-Za-z0-9]{6}$/;
let swept = false;

export function makeEphemeralDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-'));
  lockDir(dir);
  if (!swept) {
    swept = true;
    setImmediate(() => sweepAbandoned(dir));
  }
  return dir;
}

/** Removes the ephemeral directories whose process is gone (one that never claimed its directory,
 * as before the claim, is left alone). */
function sweepAbandoned(own: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(os.tmpdir(), name);
    if (!EPHEMERAL_NAME.test(name) || dir === own || !abandoned(dir)) continue;
    // Another user's, or removed by another process meanwhile: left to them.
    fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
