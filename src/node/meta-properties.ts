// meta.properties, the file `kafka-storage format` writes into every log directory: which cluster
// and node the directory belongs to. A node refuses to start on a directory of another cluster or
// node, as Kafka does, so a mixed-up --data-dir fails loudly instead of merging two clusters.
import { createHash, randomBytes } from 'node:crypto';
import { parseProperties } from '../config/properties.js';
import type { FileSystem } from '../../storage/file-system.js';
import { joinPath } from '../../storage/file-system.js';

export const META_PROPERTIES = 'meta.properties';

export interface MetaProperties {
  clusterId: string;
  nodeId: number;
  directoryId: string;
}

export class FormatError extends Error {
  readonly code = 'KRAFTLING_FORMAT';
}

/** A Kafka Uuid string (base64url of 16 random bytes), as `kafka-storage random-uuid` prints. */
export function randomUuid(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Why a cluster id is not one Kafka accepts, or undefined when it is: Kafka's Uuid.fromString
 * wants the URL-safe base64 of 16 bytes, which is 22 characters without padding.
 */
export function clusterIdProblem(id: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(id) || Buffer.from(id, 'base64url').length !== 16) {
    return `a cluster id is 22 characters of URL-safe base64 (16 bytes, as \`kraftling random-uuid\` prints), got "${id}"`;
  }
  return undefined;
}

/**
 * The cluster id nodes of one static quorum use when each formats its own directory (no
 * --cluster-id): the same on every node, because it comes from controller.quorum.voters.
 */
export function clusterIdForVoters(voters: readonly { id: number; host: string; port: number }[]): string {
  const canonical = [...voters].sort((a, b) => a.id - b.id).map((v) => `${v.id}@${v.host}:${v.port}`).join(',');
  const id = createHash('sha256').update(`kraftling cluster ${canonical}`).digest().subarray(0, 16).toString('base64url');
  return id.startsWith('-') ? `A${id.slice(1)}` : id;
}

export function readMetaProperties(fs: FileSystem, dir: string): MetaProperties | undefined {
  const path = joinPath(dir, META_PROPERTIES);
  if (!fs.stat(path)) return undefined;
  const props = parseProperties(fs.readFile(path).toString('utf8'));
  const clusterId = props.get('cluster.id');
  const nodeId = Number(props.get('node.id'));
  if (!clusterId || !Number.isInteger(nodeId) || props.get('version') !== '1') {
    throw new FormatError(`${path} is not a KRaft meta.properties (version=1 with cluster.id and node.id)`);
  }
  return { clusterId, nodeId, directoryId: props.get('directory.id') ?? randomUuid() };
}

export async function writeMetaProperties(fs: FileSystem, dir: string, meta: MetaProperties): Promise<void> {
  fs.mkdir(dir);
  const text = [
    '#',
    `#${new Date().toUTCString()}`,
    `cluster.id=${meta.clusterId}`,
    `directory.id=${meta.directoryId}`,
    `node.id=${meta.nodeId}`,
    'version=1',
    '',
  ].join('\n');
  await fs.writeFileAtomic(joinPath(dir, META_PROPERTIES), Buffer.from(text));
}

/**
 * Checks that every directory is formatted for this node and one cluster, formatting the ones
 * that are not (when allowed). Returns the cluster id.
 */
export async function ensureFormatted(fs: FileSystem, dirs: string[], nodeId: number,
  options: { clusterId?: string; autoFormat: boolean; directoryIds?: ReadonlyMap<string, string> }): Promise<string> {
  const found = dirs.map((dir) => ({ dir, meta: readMetaProperties(fs, dir) }));
  const ids = new Set(found.flatMap((f) => (f.meta ? [f.meta.clusterId] : [])));
  if (options.clusterId) ids.add(options.clusterId);
  if (ids.size > 1) throw new FormatError(`log directories belong to different clusters: ${[...ids].join(', ')}`);
  for (const f of found) {
    if (f.meta && f.meta.nodeId !== nodeId) {
      throw new FormatError(`${f.dir} belongs to node ${f.meta.nodeId}, but node.id is ${nodeId}`);
    }
  }
  const clusterId = [...ids][0] ?? randomUuid();
  for (const f of found.filter((x) => !x.meta)) {
    if (!options.autoFormat) throw new FormatError(`${f.dir} is not formatted; run \`kraftling format\` first`);
    await writeMetaProperties(fs, f.dir, { clusterId, nodeId, directoryId: options.directoryIds?.get(f.dir) ?? randomUuid() });
  }
  return clusterId;
}
