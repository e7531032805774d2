// The metadata image as a tree of directories and files, for `kraftling metadata-shell`: what a
// broker knows after replaying __cluster_metadata, laid out for ls/cat/find/tree.
//
//   /metadata/{offset,epoch,nextProducerId}    where the replay ended
//   /features/<name>                           finalized feature levels
//   /brokers/<id>                              registration, epoch, fenced, endpoints (JSON)
//   /topics/<name>/id, /topics/<name>/<p>      a topic's id and each partition's state (JSON)
//   /topicIds/<id>                             the name of the topic with that id
//   /configs/<topic|broker|group>/<name>/<key> non-default config values
import { ConfigResourceType, type MetadataImage } from '../src/metadata/image.js';

/** A directory maps names to children; a file is its text. */
export type TreeNode = { dir: Map<string, TreeNode> } | { file: string };

const dir = (entries: Iterable<[string, TreeNode]> = []): TreeNode => ({ dir: new Map(entries) });
const file = (text: string | number | boolean): TreeNode => ({ file: String(text) });
const json = (value: unknown): TreeNode => file(JSON.stringify(value));

const RESOURCE_NAMES: Record<number, string> = { [ConfigResourceType.TOPIC]: 'topic', [ConfigResourceType.BROKER]: 'broker', [ConfigResourceType.GROUP]: 'group' };

function configsNode(image: MetadataImage): TreeNode {
  const byType = new Map<string, TreeNode>();
  for (const [key, entries] of image.configs) {
    const sep = key.indexOf(':');
    const type = RESOURCE_NAMES[Number(key.slice(0, sep))] ?? key.slice(0, sep);
    const name = key.slice(sep + 1) || '(default)';
    if (!byType.has(type)) byType.set(type, dir());
    (byType.get(type) as { dir: Map<string, TreeNode> }).dir.set(name, dir([...entries].map(([k, v]) => [k, file(v)])));
  }
  return dir(byType);
}

export function imageTree(image: MetadataImage): TreeNode {
  const topics = [...image.topicsByName.values()].map((t): [string, TreeNode] => [t.name, dir([
    ['id', file(t.topicId)],
    ...t.partitions.filter((p) => p !== undefined).map((p): [string, TreeNode] => [String(p.partitionId), json(p)]),
  ])]);
  return dir([
    ['metadata', dir([['offset', file(image.offset)], ['epoch', file(image.epoch)], ['nextProducerId', file(image.nextProducerId)]])],
    ['features', dir([...image.features].map(([n, level]) => [n, file(level)]))],
    ['brokers', dir([...image.brokers.values()].map((b) => [String(b.id), json(b)]))],
    ['topics', dir(topics)],
    ['topicIds', dir([...image.topicsById.values()].map((t) => [t.topicId, file(t.name)]))],
    ['configs', configsNode(image)],
  ]);
}

/** Resolves `target` (absolute, or relative to `cwd`; `.` and `..` allowed) to a normal path. */
export function resolvePath(cwd: string, target: string): string {
  const parts = (target.startsWith('/') ? target : `${cwd}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

export function lookup(root: TreeNode, absolute: string): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const part of absolute.split('/').filter((p) => p !== '')) {
    if (node === undefined || !('dir' in node)) return undefined;
    node = node.dir.get(part);
  }
  return node;
}

/** Every path under `start` (itself included), depth first, directories before their children. */
export function walk(node: TreeNode, start: string, visit: (path: string, node: TreeNode, depth: number) => void, depth = 0): void {
  visit(start, node, depth);
  if (!('dir' in node)) return;
  for (const name of [...node.dir.keys()].sort(naturalOrder)) {
    walk(node.dir.get(name)!, start === '/' ? `/${name}` : `${start}/${name}`, visit, depth + 1);
  }
}

/** Partition 10 after partition 9. */
export function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
