// `kraftling metadata-quorum describe`: what DescribeQuorum v2 says, printed as Kafka's
// kafka-metadata-quorum tool prints it (--status, the default, or --replication). add-controller and
// remove-controller are in metadata-quorum-change.ts.
import { DescribeClusterApi } from '../protocol/generated/api/60-describe-cluster.js';
import { DescribeQuorumApi, type DescribeQuorumResponsePartitionData, type Node, type ReplicaState } from '../protocol/generated/api/55-describe-quorum.js';
import { errorName } from '../protocol/errors.js';
import { PeerClient } from '../src/node/peer-client.js';

const TIMEOUT_MS = 5_000;

function address(bootstrap: string): { host: string; port: number } {
  const first = bootstrap.split(',')[0]!.trim();
  const m = /^(.*):(\d+)$/.exec(first);
  if (!m) throw new Error(`--bootstrap-server takes host:port, got "${bootstrap}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** Kafka 3.9's form of a voter: id, directory id and endpoints (from DescribeQuorum v2's Nodes). */
function describeReplica(r: ReplicaState, nodes: readonly Node[]): string {
  const node = nodes.find((n) => n.nodeId === r.replicaId);
  const endpoints = node?.listeners.map((l) => `"${l.name}://${l.host}:${l.port}"`) ?? [];
  // Weights (kraftling's extension) only when some voter's is not 1: Kafka's form otherwise.
  const weight = nodes.some((n) => n.weight !== 1) && node !== undefined ? `, "weight": ${node.weight}` : '';
  return `{"id": ${r.replicaId}, "directoryId": "${r.replicaDirectoryId}"${endpoints.length > 0 ? `, "endpoints": [${endpoints.join(', ')}]` : ''}${weight}}`;
}

function status(clusterId: string, p: DescribeQuorumResponsePartitionData, nowMs: number, nodes: readonly Node[]): string {
  const followers = p.currentVoters.filter((v) => v.replicaId !== p.leaderId);
  const leaderEnd = p.currentVoters.find((v) => v.replicaId === p.leaderId)?.logEndOffset ?? p.highWatermark;
  const maxLag = Math.max(0, ...followers.map((f) => leaderEnd - f.logEndOffset));
  const maxLagMs = Math.max(0, ...followers.map((f) => (f.lastCaughtUpTimestamp < 0 ? 0 : nowMs - f.lastCaughtUpTimestamp)));
  const rows: [string, string][] = [
    ['ClusterId', clusterId], ['LeaderId', String(p.leaderId)], ['LeaderEpoch', String(p.leaderEpoch)],
    ['HighWatermark', String(p.highWatermark)], ['MaxFollowerLag', String(maxLag)], ['MaxFollowerLagTimeMs', String(maxLagMs)],
    ['CurrentVoters', `[${p.currentVoters.map((v) => describeReplica(v, nodes)).join(', ')}]`],
    ['CurrentObservers', `[${p.observers.map((v) => describeReplica(v, nodes)).join(', ')}]`],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(24)}${v}`).join('\n') + '\n';
}

function replication(p: DescribeQuorumResponsePartitionData, nowMs: number): string {
  const leaderEnd = p.currentVoters.find((v) => v.replicaId === p.leaderId)?.logEndOffset ?? p.highWatermark;
  const row = (r: ReplicaState, kind: string): string[] => [
    String(r.replicaId), String(r.logEndOffset), String(Math.max(0, leaderEnd - r.logEndOffset)),
    r.lastFetchTimestamp < 0 ? '-' : `${nowMs - r.lastFetchTimestamp} ms ago`,
    r.lastCaughtUpTimestamp < 0 ? '-' : `${nowMs - r.lastCaughtUpTimestamp} ms ago`,
    r.replicaId === p.leaderId ? 'Leader' : kind,
  ];
  const rows = [['NodeId', 'LogEndOffset', 'Lag', 'LastFetchTimestamp', 'LastCaughtUpTimestamp', 'Status'],
    ...p.currentVoters.map((r) => row(r, 'Follower')), ...p.observers.map((r) => row(r, 'Observer'))];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function runMetadataQuorum(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const action = positionals[0];
  if (action === 'force-voters') return (await import('./metadata-quorum-force.js')).runForceVoters(values);
  if (action !== 'describe' && action !== 'add-controller' && action !== 'remove-controller' && action !== 'set-weight') {
    process.stderr.write('kraftling metadata-quorum: the actions are describe, add-controller, remove-controller, set-weight and force-voters\n');
    return 2;
  }
  const target = (values['bootstrap-server'] ?? values['bootstrap-controller']) as string | undefined;
  if (!target) {
    process.stderr.write(`kraftling metadata-quorum ${action}: --bootstrap-server or --bootstrap-controller host:port is required\n`);
    return 2;
  }
  if (action !== 'describe') return (await import('./metadata-quorum-change.js')).runQuorumChange(action, target, values);
  const peers = new PeerClient('kraftling-metadata-quorum');
  try {
    const at = address(target);
    const res = await peers.request(at, DescribeQuorumApi, 2, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] }, TIMEOUT_MS);
    const p = res.topics[0]?.partitions[0];
    if (res.errorCode !== 0 || !p || p.errorCode !== 0) {
      process.stderr.write(`kraftling metadata-quorum: ${errorName(res.errorCode || p?.errorCode || 0)}\n`);
      return 1;
    }
    const nowMs = Date.now();
    if (values.replication) {
      process.stdout.write(replication(p, nowMs));
    } else {
      const cluster = values['bootstrap-server'] ? await peers.request(at, DescribeClusterApi, 0, { includeClusterAuthorizedOperations: false, endpointType: 1 }, TIMEOUT_MS) : undefined;
      process.stdout.write(status(cluster?.clusterId ?? '-', p, nowMs, res.nodes));
    }
    return 0;
  } finally {
    peers.close();
  }
}
