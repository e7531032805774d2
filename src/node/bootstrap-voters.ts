// `kraftling format --standalone | --initial-controllers` (KIP-853), as `kafka-storage format`:
// the initial voters go into the bootstrap snapshot 00000000000000000000-0000000000.checkpoint of
// the metadata partition, with kraft.version 1; the first leader copies them into the log.
import { ConfigError } from '../config/definition.js';
import type { ServerConfig } from '../config/server-config.js';
import { controllerEndpoints } from '../kraft/quorum-config.js';
import { bootstrapVotersSnapshot } from '../kraft/voters-snapshot.js';
import { KRAFT_VERSION_RANGE, METADATA_PARTITION, METADATA_TOPIC, snapshotFileStem, VoterSet, type Voter } from '../raft/index.js';
import { joinPath, type FileSystem } from '../../storage/file-system.js';

/** Kafka's --initial-controllers: `id@host:port:directoryId,...` (the host may be [ipv6]). */
export function parseInitialControllers(text: string, listenerName: string): Voter[] {
  const voters = text.split(',').map((entry) => {
    const m = /^(\d+)@(\[[^\]]+\]|[^:@]+):(\d+):([A-Za-z0-9_-]{22})$/.exec(entry.trim());
    if (!m) throw new ConfigError('--initial-controllers', `"${entry}" is not id@host:port:directoryId`);
    const endpoints = [{ name: listenerName, host: m[2]!.replace(/^\[|\]$/g, ''), port: Number(m[3]) }];
    return { id: Number(m[1]), directoryId: m[4]!, endpoints, kraftVersion: { ...KRAFT_VERSION_RANGE }, weight: 1 };
  });
  if (new Set(voters.map((v) => v.id)).size !== voters.length) throw new ConfigError('--initial-controllers', 'a controller id appears twice');
  return voters;
}

/** --standalone: this node alone, at its controller listener. */
export function standaloneVoter(config: ServerConfig, directoryId: string): Voter {
  const endpoints = controllerEndpoints(config);
  if (endpoints.length === 0) throw new ConfigError('--standalone', 'no listener of controller.listener.names in listeners');
  return { id: config.nodeId, directoryId, endpoints, kraftVersion: { ...KRAFT_VERSION_RANGE }, weight: 1 };
}

export async function writeBootstrapVoters(fs: FileSystem, metadataLogDir: string, voters: readonly Voter[], nowMs: number): Promise<void> {
  const dir = joinPath(metadataLogDir, `${METADATA_TOPIC}-${METADATA_PARTITION}`);
  fs.mkdir(dir);
  // The partition directory's entry is durable only once its parent is synced.
  await fs.syncDir(metadataLogDir);
  const name = `${snapshotFileStem({ endOffset: 0, epoch: 0 })}.checkpoint`;
  await fs.writeFileAtomic(joinPath(dir, name), bootstrapVotersSnapshot(new VoterSet(voters), nowMs));
}
