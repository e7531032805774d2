// The `quorum-state` file in the metadata log directory: the Raft epoch, the leader and this node's
// vote, as JSON in Kafka's layout (QuorumStateData plus data_version). Written to a temp name,
// synced and renamed, so a crash leaves the old or the new state, never half of one.
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import { joinPath, type FileSystem } from '../../storage/file-system.js';

export const QUORUM_STATE_FILE = 'quorum-state';
const DATA_VERSION = 1;

export function readQuorumState(fs: FileSystem, dir: string): QuorumStateData | undefined {
  const path = joinPath(dir, QUORUM_STATE_FILE);
  if (!fs.stat(path)) return undefined;
  const json = JSON.parse(fs.readFile(path).toString('utf8')) as Partial<QuorumStateData> & { data_version?: number };
  return {
    clusterId: json.clusterId ?? '',
    leaderId: json.leaderId ?? -1,
    leaderEpoch: json.leaderEpoch ?? 0,
    votedId: json.votedId ?? -1,
    votedDirectoryId: json.votedDirectoryId ?? 'AAAAAAAAAAAAAAAAAAAAAA',
    appliedOffset: json.appliedOffset ?? 0,
    currentVoters: json.currentVoters ?? null,
  };
}

export async function writeQuorumState(fs: FileSystem, dir: string, state: QuorumStateData): Promise<void> {
  const json = {
    clusterId: state.clusterId, leaderId: state.leaderId, leaderEpoch: state.leaderEpoch, votedId: state.votedId,
    votedDirectoryId: state.votedDirectoryId, data_version: DATA_VERSION,
  };
  await fs.writeFileAtomic(joinPath(dir, QUORUM_STATE_FILE), Buffer.from(JSON.stringify(json)));
}
