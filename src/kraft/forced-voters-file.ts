// The `forced-voters` file that `kraftling metadata-quorum force-voters` leaves in the metadata log
// directory of a surviving voter (src/raft/forced-voters.ts says what it does and why it is safe).
// JSON: {"voters":[2,3],"epoch":1048583}. The node removes it once the recovered quorum has
// committed those voters to its log.
import type { ForcedVoters } from '../raft/config.js';
import { joinPath, type FileSystem } from '../../storage/file-system.js';

export const FORCED_VOTERS_FILE = 'forced-voters';

export function readForcedVoters(fs: FileSystem, dir: string): ForcedVoters | undefined {
  const path = joinPath(dir, FORCED_VOTERS_FILE);
  if (!fs.stat(path)) return undefined;
  const json = JSON.parse(fs.readFile(path).toString('utf8')) as { voters?: unknown; epoch?: unknown };
  const ids = json.voters;
  if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id)) || !Number.isInteger(json.epoch)) {
    throw new Error(`${path} is not {"voters":[ids],"epoch":N}`);
  }
  return { ids: ids as number[], epoch: json.epoch as number };
}

export async function writeForcedVoters(fs: FileSystem, dir: string, forced: ForcedVoters): Promise<void> {
  await fs.writeFileAtomic(joinPath(dir, FORCED_VOTERS_FILE), Buffer.from(JSON.stringify({ voters: forced.ids, epoch: forced.epoch })));
}

export function removeForcedVoters(fs: FileSystem, dir: string): void {
  const path = joinPath(dir, FORCED_VOTERS_FILE);
  if (fs.stat(path)) fs.unlink(path);
}
