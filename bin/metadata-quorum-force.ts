// `kraftling metadata-quorum force-voters --config FILE --voters 2,3`: the operator's recovery of a
// quorum whose lost voters hold the majority (by count or weight) and will not come back. Run on
// every surviving voter while it is stopped; it raises the node's quorum-state epoch far above any
// it has seen and names the voters that remain (src/raft/forced-voters.ts has the reasoning).
// Offline: it touches the node's metadata log directory only.
import fs from 'node:fs';
import { parseProperties } from '../src/config/properties.js';
import { ServerConfig } from '../src/config/server-config.js';
import { CLUSTER_METADATA_TOPIC } from '../src/controller/topic-names.js';
import { writeForcedVoters } from '../src/kraft/forced-voters-file.js';
import { readQuorumState, writeQuorumState } from '../src/kraft/quorum-state-file.js';
import { FORCED_EPOCH_JUMP } from '../src/raft/forced-voters.js';
import { joinPath } from '../storage/file-system.js';
import { NodeFileSystem } from '../storage/node-file-system.js';
import { UsageError } from './usage.js';

export async function runForceVoters(values: Record<string, unknown>): Promise<number> {
  const file = values.config as string | undefined;
  const list = values.voters as string | undefined;
  if (!file || !list) throw new UsageError('force-voters needs --config FILE (this stopped node\'s server.properties) and --voters ID,ID,...');
  const ids = list.split(',').map((s) => Number(s.trim()));
  if (ids.some((id) => !Number.isInteger(id) || id < 0)) throw new UsageError(`--voters takes node ids, got ${list}`);
  const config = ServerConfig.resolve({ file: parseProperties(fs.readFileSync(file, 'utf8')) });
  if (!ids.includes(config.nodeId)) throw new UsageError(`node ${config.nodeId} is not in --voters ${list}: run force-voters on surviving voters only`);
  const nodeFs = new NodeFileSystem();
  const dir = joinPath(config.metadataLogDir, `${CLUSTER_METADATA_TOPIC}-0`);
  const state = readQuorumState(nodeFs, dir);
  if (state === undefined) throw new UsageError(`${dir} has no quorum-state: is this a controller that has run?`);
  const epoch = state.leaderEpoch + FORCED_EPOCH_JUMP;
  await writeForcedVoters(nodeFs, dir, { ids, epoch });
  await writeQuorumState(nodeFs, dir, { ...state, leaderEpoch: epoch, leaderId: -1, votedId: -1, votedDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA' });
  process.stdout.write(`Node ${config.nodeId} will start with voters ${ids.join(',')} from epoch ${epoch}. ` +
    'Run this on every surviving voter, then start them. Anything the lost voters committed after they were cut off is discarded when they come back.\n');
  return 0;
}
