// `kraftling consumer-groups`: kafka-consumer-groups' --list, --describe (offsets, end offsets,
// lag and the member each partition is assigned to), --reset-offsets and --delete.
import { DeleteGroupsApi } from '../../protocol/generated/api/42-delete-groups.js';
import { DescribeGroupsApi, type DescribedGroup } from '../../protocol/generated/api/15-describe-groups.js';
import { ListGroupsApi } from '../../protocol/generated/api/16-list-groups.js';
import { intFlag, UsageError } from '../usage.js';
import { KafkaError, withClient, type KafkaClient } from './kafka-client.js';
import { commitOffsets, committedOffsets, coordinator, EARLIEST, LATEST, listOffsets } from './group-offsets.js';

const ACTIONS = ['list', 'describe', 'reset-offsets', 'delete'] as const;

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(' ').trimEnd()).join('\n') + '\n';
}

export async function runConsumerGroups(values: Record<string, unknown>): Promise<number> {
  const chosen = ACTIONS.filter((a) => values[a] === true);
  if (chosen.length !== 1) throw new UsageError(`exactly one of ${ACTIONS.map((a) => `--${a}`).join(', ')} is needed`);
  const action = chosen[0]!;
  const group = values.group as string | undefined;
  if (action !== 'list' && !group) throw new UsageError(`--${action} needs --group G`);
  return withClient('consumer-groups', values, async (client) => {
    if (action === 'list') return list(client);
    if (action === 'describe') return describe(client, group!);
    if (action === 'delete') return remove(client, group!);
    return resetOffsets(client, group!, values);
  });
}

async function list(client: KafkaClient): Promise<number> {
  const md = await client.metadata();
  const names = new Set<string>();
  // Each broker lists the groups it coordinates.
  for (const b of md.brokers) {
    const { res } = await client.request(ListGroupsApi, { statesFilter: [], typesFilter: [] }, { host: b.host, port: b.port }, 4);
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `listing groups on broker ${b.nodeId}`);
    for (const g of res.groups) names.add(g.groupId);
  }
  process.stdout.write([...names].sort().map((n) => `${n}\n`).join(''));
  return 0;
}

/** topic/partition -> member, from each member's ConsumerProtocolAssignment. */
function assignments(g: DescribedGroup): Map<string, DescribedGroup['members'][number]> {
  const out = new Map<string, DescribedGroup['members'][number]>();
  if (g.protocolType !== 'consumer') return out;
  for (const m of g.members) {
    const b = m.memberAssignment;
    if (b.length < 6) continue;
    let at = 2;
    const topics = b.readInt32BE(at);
    at += 4;
    for (let t = 0; t < topics; t++) {
      const len = b.readInt16BE(at);
      const topic = b.toString('utf8', at + 2, at + 2 + len);
      at += 2 + len;
      const count = b.readInt32BE(at);
      at += 4;
      for (let p = 0; p < count; p++, at += 4) out.set(`${topic}/${b.readInt32BE(at)}`, m);
    }
  }
  return out;
}

async function describe(client: KafkaClient, group: string): Promise<number> {
  const { res } = await client.request(DescribeGroupsApi, { groups: [group], includeAuthorizedOperations: false }, await coordinator(client, group), 5);
  const g = res.groups[0]!;
  if (g.errorCode !== 0) throw new KafkaError(g.errorCode, `group ${group}`);
  const committed = await committedOffsets(client, group);
  if (g.groupState === 'Dead' || (committed.size === 0 && g.members.length === 0)) throw new Error(`group ${group} does not exist`);
  const owners = assignments(g);
  const keys = [...new Set([...committed.keys(), ...owners.keys()])].sort();
  const rows = [['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']];
  const ends = new Map<string, Map<number, number>>();
  for (const key of keys) {
    const [topic, p] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
    if (!ends.has(topic)) {
      const parts = await client.partitions(topic);
      ends.set(topic, await listOffsets(client, topic, parts, LATEST));
    }
    const end = ends.get(topic)!.get(p);
    const current = committed.get(key);
    const owner = owners.get(key);
    rows.push([group, topic, String(p), current === undefined ? '-' : String(current), end === undefined ? '-' : String(end),
      current === undefined || end === undefined ? '-' : String(Math.max(0, end - current)),
      owner?.memberId ?? '-', owner?.clientHost ?? '-', owner?.clientId ?? '-']);
  }
  process.stdout.write(`\nConsumer group '${group}' is ${g.groupState === 'Empty' ? 'empty (no active members)' : g.groupState.toLowerCase()}.\n\n${table(rows)}`);
  return 0;
}

async function remove(client: KafkaClient, group: string): Promise<number> {
  const { res } = await client.request(DeleteGroupsApi, { groupsNames: [group] }, await coordinator(client, group), 2);
  const r = res.results[0]!;
  if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `deleting group ${group}`);
  process.stdout.write(`Deletion of requested consumer groups ('${group}') was successful.\n`);
  return 0;
}

async function resetOffsets(client: KafkaClient, group: string, values: Record<string, unknown>): Promise<number> {
  const topic = values.topic as string | undefined;
  if (!topic) throw new UsageError('--reset-offsets needs --topic NAME');
  const targets = ['to-earliest', 'to-latest', 'to-offset'].filter((k) => values[k] !== undefined && values[k] !== false);
  if (targets.length !== 1) throw new UsageError('--reset-offsets needs exactly one of --to-earliest, --to-latest, --to-offset N');
  const parts = await client.partitions(topic);
  let plan: Map<number, number>;
  if (values['to-offset'] !== undefined) {
    const n = intFlag(values, 'to-offset', 0)!;
    // Clamped into [earliest, latest] per partition, as Kafka does.
    const [lo, hi] = [await listOffsets(client, topic, parts, EARLIEST), await listOffsets(client, topic, parts, LATEST)];
    plan = new Map(parts.map((p) => [p.partition, Math.min(hi.get(p.partition)!, Math.max(lo.get(p.partition)!, n))]));
  } else {
    plan = await listOffsets(client, topic, parts, values['to-earliest'] ? EARLIEST : LATEST);
  }
  if (values.execute === true) await commitOffsets(client, group, topic, plan);
  const rows = [['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], ...[...plan].map(([p, o]) => [group, topic, String(p), String(o)])];
  process.stdout.write(`${values.execute === true ? '' : '(dry run: nothing committed; --execute commits)\n'}${table(rows)}`);
  return 0;
}
