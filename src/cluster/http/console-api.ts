// The console's JSON API under /api/: read-only views of the cluster, topics, records and groups,
// plus the node controls of an in-process cluster (POST /api/nodes/<id>/<kill|restart|isolate|heal>).
import { ErrorCode } from '../../../protocol/errors.js';
import { decodeRecordBatches } from '../../../protocol/records/record-batch.js';
import type { DecodedRecord } from '../../../protocol/records/record.js';
import type { NodeView } from '../../node/node.js';
import { clusterImage, groupViews, replicaOf } from './cluster-reads.js';
import { nodeHealth } from './health.js';
import { HttpError } from './http-error.js';
import type { HttpTarget, NodeControls } from './http-listener.js';

const MAX_RECORDS = 500;
const READ_BYTES = 1 << 20;
/** Log bytes one page of records may read, and bytes of a key or value it shows: a browser page, not an export. */
const MAX_PAGE_READ_BYTES = 8 << 20;
const MAX_SHOWN_BYTES = 16 << 10;
const CONTROL_NAMES = ['kill', 'restart', 'isolate', 'heal'] as const;

export async function consoleApi(method: string, url: URL, target: HttpTarget): Promise<unknown> {
  const nodes = target.nodes();
  const path = url.pathname;
  const control = /^\/api\/nodes\/(\d+)\/([a-z]+)$/.exec(path);
  if (control) {
    if (method !== 'POST') throw new HttpError(405, 'node controls take POST');
    return nodeControl(target.controls, Number(control[1]), control[2]!, nodes);
  }
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} is not allowed here`);
  switch (path) {
    case '/api/cluster': return clusterView(target, nodes);
    case '/api/topics': return url.searchParams.has('name') ? topicDetail(nodes, url.searchParams.get('name')!) : topicList(nodes);
    case '/api/records': return records(nodes, url.searchParams);
    case '/api/groups': return groupViews(nodes);
    default: throw new HttpError(404, `no such path: ${path}`);
  }
}

function clusterView(target: HttpTarget, nodes: NodeView[]): unknown {
  const image = clusterImage(nodes);
  const controls = CONTROL_NAMES.filter((c) => typeof target.controls[c] === 'function');
  return {
    clusterId: target.clusterId, controls,
    nodes: nodes.map((n) => {
      const q = n.quorum;
      const running = n.state === 'running';
      return {
        ...nodeHealth(n), state: n.state, role: running ? q?.role ?? 'unknown' : 'down', epoch: running ? q?.epoch ?? -1 : -1,
        leaderId: running ? q?.leaderId ?? -1 : -1, highWatermark: running ? q?.highWatermark ?? -1 : -1,
        leaderCount: running ? [...n.replicas?.all() ?? []].filter((p) => p.isLeader).length : 0,
      };
    }),
    brokers: image ? [...image.brokers.values()].map((b) => ({ id: b.id, epoch: b.epoch, fenced: b.fenced, inControlledShutdown: b.inControlledShutdown })) : [],
  };
}

function topicList(nodes: NodeView[]): unknown {
  const image = clusterImage(nodes);
  if (!image) return [];
  return [...image.topicsByName.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => {
    let under = 0;
    let offline = 0;
    for (const p of t.partitions) {
      if (p.leader < 0) offline++;
      if (p.isr.length < p.replicas.length) under++;
    }
    return { name: t.name, topicId: t.topicId, partitions: t.partitions.length, replicationFactor: t.partitions[0]?.replicas.length ?? 0, underReplicated: under, offline };
  });
}

function topicDetail(nodes: NodeView[], name: string): unknown {
  const topic = clusterImage(nodes)?.topicsByName.get(name);
  if (!topic) throw new HttpError(404, `no topic "${name}"`);
  return {
    name, topicId: topic.topicId,
    partitions: topic.partitions.map((p) => {
      const replica = replicaOf(nodes, name, p.partitionId);
      return {
        partition: p.partitionId, leader: p.leader, leaderEpoch: p.leaderEpoch, replicas: p.replicas, isr: p.isr,
        logStartOffset: replica?.log.logStartOffset ?? -1, highWatermark: replica?.highWatermark ?? -1,
      };
    }),
  };
}

function intParam(params: URLSearchParams, name: string, fallback: number, min = 0): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) throw new HttpError(400, `${name} must be an integer >= ${min}, got "${raw}"`);
  return Number(raw);
}

/** Records of one partition from an offset (default: the start) or the first at/after a time, up to the high watermark. */
function records(nodes: NodeView[], params: URLSearchParams): unknown {
  const topic = params.get('topic');
  if (!topic) throw new HttpError(400, 'topic is required');
  const partition = intParam(params, 'partition', 0);
  const limit = Math.min(intParam(params, 'limit', 50, 1), MAX_RECORDS);
  const replica = replicaOf(nodes, topic, partition);
  if (!replica) throw new HttpError(404, `no replica of ${topic}-${partition} in this process`);
  const log = replica.log;
  const end = replica.highWatermark;
  let offset = intParam(params, 'offset', log.logStartOffset);
  if (params.has('timestamp')) offset = log.offsetForTimestamp(intParam(params, 'timestamp', 0))?.offset ?? end;
  offset = Math.max(offset, log.logStartOffset);
  const out: ReturnType<typeof recordView>[] = [];
  let next = offset;
  let readBytes = 0;
  while (next < end && out.length < limit && readBytes < MAX_PAGE_READ_BYTES) {
    const read = log.read(next, READ_BYTES, end);
    if (read.errorCode !== ErrorCode.NONE || read.records.length === 0) break;
    readBytes += read.records.length;
    for (const batch of decodeRecordBatches(read.records)) {
      if (!batch.isControl) for (const r of batch.records) if (r.offset >= offset && out.length < limit) out.push(recordView(r));
      next = batch.baseOffset + batch.lastOffsetDelta + 1;
    }
  }
  return { topic, partition, from: offset, logStartOffset: log.logStartOffset, highWatermark: end, records: out };
}

function recordView(r: DecodedRecord): { offset: number; timestamp: number; key: string | null; keyHex: string | null; value: string | null; valueHex: string | null; headers: { key: string; value: string | null }[] } {
  return {
    offset: r.offset, timestamp: r.timestamp,
    key: shown(r.key, 'utf8'), keyHex: shown(r.key, 'hex'),
    value: shown(r.value, 'utf8'), valueHex: shown(r.value, 'hex'),
    headers: r.headers.map((h) => ({ key: h.key, value: h.value?.toString('utf8') ?? null })),
  };
}

/** A key or value as text or hex, cut at MAX_SHOWN_BYTES (marked with an ellipsis). */
function shown(bytes: Buffer | null, encoding: 'utf8' | 'hex'): string | null {
  if (bytes === null) return null;
  if (bytes.length <= MAX_SHOWN_BYTES) return bytes.toString(encoding);
  return `${bytes.subarray(0, MAX_SHOWN_BYTES).toString(encoding)}\u2026`;
}

async function nodeControl(controls: NodeControls, nodeId: number, action: string, nodes: NodeView[]): Promise<unknown> {
  const fn = (CONTROL_NAMES as readonly string[]).includes(action) ? controls[action as (typeof CONTROL_NAMES)[number]] : undefined;
  if (!fn) throw new HttpError(404, `no node control "${action}" here`);
  if (!nodes.some((n) => n.nodeId === nodeId)) throw new HttpError(404, `no node ${nodeId} in this process`);
  await fn.call(controls, nodeId);
  return { nodeId, done: action };
}
