// `kraftling metadata-quorum add-controller | remove-controller` (KIP-853), with the flags of Kafka's
// kafka-metadata-quorum: add-controller reads the joining controller's own config
// (--command-config: node.id, its controller listener, and the directory id in the meta.properties
// of its metadata log directory) and asks the quorum to make it a voter; remove-controller takes
// --controller-id and --controller-directory-id. set-weight (kraftling's weighted voters, not in
// Kafka) sends UpdateRaftVoter with its Weight extension to a controller listener.
import fs from 'node:fs';
import { AddRaftVoterApi } from '../protocol/generated/api/80-add-raft-voter.js';
import { RemoveRaftVoterApi } from '../protocol/generated/api/81-remove-raft-voter.js';
import { UpdateRaftVoterApi } from '../protocol/generated/api/82-update-raft-voter.js';
import { errorName } from '../protocol/errors.js';
import { parseProperties } from '../src/config/properties.js';
import { ServerConfig } from '../src/config/server-config.js';
import { controllerEndpoints } from '../src/kraft/quorum-config.js';
import { readMetaProperties } from '../src/node/meta-properties.js';
import { PeerClient } from '../src/node/peer-client.js';
import { NodeFileSystem } from '../storage/node-file-system.js';
import { UsageError } from './usage.js';

/** How long the leader may take to commit the change (AddRaftVoter's TimeoutMs). */
const CHANGE_TIMEOUT_MS = 30_000;

function address(target: string): { host: string; port: number } {
  const first = target.split(',')[0]!.trim();
  const m = /^(.*):(\d+)$/.exec(first);
  if (!m) throw new UsageError(`--bootstrap-server/--bootstrap-controller take host:port, got "${target}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

function report(action: string, res: { errorCode: number; errorMessage: string | null }): number {
  if (res.errorCode === 0) {
    process.stdout.write(`${action}\n`);
    return 0;
  }
  process.stderr.write(`kraftling metadata-quorum: ${errorName(res.errorCode)}${res.errorMessage ? `: ${res.errorMessage}` : ''}\n`);
  return 1;
}

/** The voter a remove-controller or set-weight names. */
function namedVoter(action: string, values: Record<string, unknown>): { id: number; directoryId: string } {
  const id = Number(values['controller-id']);
  const directoryId = values['controller-directory-id'] as string | undefined;
  if (!Number.isInteger(id) || id < 0 || !directoryId) throw new UsageError(`${action} needs --controller-id N and --controller-directory-id D`);
  return { id, directoryId };
}

async function setWeight(peers: PeerClient, values: Record<string, unknown>): Promise<number> {
  const { id, directoryId } = namedVoter('set-weight', values);
  const weight = Number(values.weight);
  if (!Number.isInteger(weight) || weight < 0) throw new UsageError('set-weight needs --weight W, an integer of 0 or more');
  const target = values['bootstrap-controller'] as string | undefined;
  if (!target) throw new UsageError('set-weight needs --bootstrap-controller host:port (UpdateRaftVoter is served on controller listeners)');
  const res = await peers.request(address(target), UpdateRaftVoterApi, 0, {
    clusterId: null, currentLeaderEpoch: -1, voterId: id, voterDirectoryId: directoryId, listeners: [],
    kRaftVersionFeature: { minSupportedVersion: 0, maxSupportedVersion: 0 }, weight,
  }, CHANGE_TIMEOUT_MS);
  return report(`Set the weight of controller ${id} to ${weight}`, res);
}

export async function runQuorumChange(action: 'add-controller' | 'remove-controller' | 'set-weight', target: string, values: Record<string, unknown>): Promise<number> {
  const peers = new PeerClient('kraftling-metadata-quorum');
  try {
    if (action === 'add-controller') {
      const file = values['command-config'] as string | undefined;
      if (!file) throw new UsageError('add-controller needs --command-config FILE: the new controller\'s server.properties');
      const config = ServerConfig.resolve({ file: parseProperties(fs.readFileSync(file, 'utf8')) });
      const meta = readMetaProperties(new NodeFileSystem(), config.metadataLogDir);
      if (!meta) throw new UsageError(`${config.metadataLogDir} is not formatted: run \`kraftling format\` for the new controller first`);
      const listeners = controllerEndpoints(config);
      const res = await peers.request(address(target), AddRaftVoterApi, 0, {
        clusterId: meta.clusterId, timeoutMs: CHANGE_TIMEOUT_MS, voterId: config.nodeId, voterDirectoryId: meta.directoryId, listeners,
      }, CHANGE_TIMEOUT_MS + 5_000);
      return report(`Added controller ${config.nodeId} with directory id ${meta.directoryId} and endpoints: ${listeners.map((l) => `${l.name}://${l.host}:${l.port}`).join(', ')}`, res);
    }
    if (action === 'set-weight') return await setWeight(peers, values);
    const { id, directoryId } = namedVoter('remove-controller', values);
    const res = await peers.request(address(target), RemoveRaftVoterApi, 0, { clusterId: null, voterId: id, voterDirectoryId: directoryId }, CHANGE_TIMEOUT_MS);
    return report(`Removed controller ${id} with directory id ${directoryId}`, res);
  } finally {
    peers.close();
  }
}
