// `kraftling consumer-groups`: kafka-consumer-groups' --list, --describe (offsets, end offsets,
// lag and the member each partition is assigned to; or --members, or --state) of classic and
// KIP-848 consumer groups alike, --reset-offsets (of inactive groups), --delete and --delete-offsets.
import fs from 'node:fs';
import { DeleteGroupsApi } from '../../protocol/generated/api/42-delete-groups.js';
import { ListGroupsApi, type ListedGroup } from '../../protocol/generated/api/16-list-groups.js';
import { errorName } from '../../protocol/errors.js';
import { intFlag, UsageError } from '../usage.js';
import { KafkaError, withClient, type KafkaClient } from './kafka-client.js';
import { describeGroup, membersTable, noteState, stateTable } from './group-describe.js';
import { deleteOffsets, type TopicSpec } from './group-offset-delete.js';
import { byTopicPartition, table } from './table.js';
import { commitOffsets, committedOffsets, coordinator, EARLIEST, LATEST, listOffsets } from './group-offsets.js';

const ACTIONS = ['list', 'describe', 'reset-offsets', 'delete', 'delete-offsets'] as const;
/** What --describe prints: committed offsets and lag (the default), the members, or the state. */
const DESCRIBE_VIEWS = ['offsets', 'members', 'state'] as const;

export async function runConsumerGroups(values: Record<string, unknown>): Promise<number> {
  const chosen = ACTIONS.filter((a) => values[a] === true);
  if (chosen.length !== 1) throw new UsageError(`exactly one of ${ACTIONS.map((a) => `--${a}`).join(', ')} is needed`);
  const action = chosen[0]!;
  const group = values.group as string | undefined;
  const all = values['all-groups'] === true;
  if (action !== 'list' && (group === undefined) === !all) throw new UsageError(`--${action} needs --group G or --all-groups`);
  const states = action === 'list' ? namesIn(values.state, GROUP_STATES, 'state') : [];
  const types = action === 'list' ? namesIn(values.type, GROUP_TYPES, 'type') : [];
  return withClient('consumer-groups', values, async (client) => {
    if (action === 'list') return list(client, values, states, types);
    const groups = all ? (await listGroups(client, [], [])).map((g) => g.groupId) : [group!];
    if (action === 'delete') return remove(client, groups);
    if (action === 'delete-offsets') {
      if (all) throw new UsageError('--delete-offsets takes --group G, not --all-groups');
      return deleteOffsets(client, group!, topicSpecs(values, 'delete-offsets'), values.topic as string[]);
    }
    if (action === 'describe') {
      for (const g of groups) await describe(client, g, values);
      return 0;
    }
    const fromFile = typeof values['from-file'] === 'string' ? readResetPlan(values['from-file'], all ? undefined : group) : undefined;
    const planned: string[][] = [];
    for (const g of fromFile !== undefined && all ? [...fromFile.keys()] : groups) planned.push(...await resetOffsets(client, g, values, fromFile && (fromFile.get(g) ?? new Map())));
    printReset(planned, values, !all);
    return 0;
  });
}

/** Kafka's group states and types, as --list --state and --type take them (in any case). */
const GROUP_STATES = ['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty', 'Assigning', 'Reconciling'];
const GROUP_TYPES = ['classic', 'consumer'];

/** A comma-separated --state or --type value as Kafka's names; [] for none (the flag alone). */
function namesIn(value: unknown, known: string[], what: string): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  return value.split(',').map((s) => {
    const name = known.find((k) => k.toLowerCase() === s.trim().toLowerCase());
    if (name === undefined) throw new UsageError(`Invalid ${what} list '${value}'. Valid ${what}s are: ${known.join(', ')}`);
    return name;
  });
}

/** Every group, from each broker's ListGroups (each lists the groups it coordinates), by id. */
async function listGroups(client: KafkaClient, states: string[], types: string[]): Promise<ListedGroup[]> {
  const md = await client.metadata();
  const groups = new Map<string, ListedGroup>();
  for (const b of md.brokers) {
    const { res } = await client.request(ListGroupsApi, { statesFilter: states, typesFilter: types }, { host: b.host, port: b.port }, 5);
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `listing groups on broker ${b.nodeId}`);
    for (const g of res.groups) groups.set(g.groupId, g);
  }
  return [...groups.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

async function list(client: KafkaClient, values: Record<string, unknown>, states: string[], types: string[]): Promise<number> {
  const groups = await listGroups(client, states, types);
  const withState = values.state !== undefined;
  const withType = values.type !== undefined;
  if (!withState && !withType) {
    process.stdout.write(groups.map((g) => `${g.groupId}\n`).join(''));
    return 0;
  }
  const rows = [['GROUP', ...(withType ? ['TYPE'] : []), ...(withState ? ['STATE'] : [])],
    ...groups.map((g) => [g.groupId, ...(withType ? [g.groupType.toLowerCase() === 'consumer' ? 'Consumer' : 'Classic'] : []), ...(withState ? [g.groupState] : [])])];
  process.stdout.write(table(rows));
  return 0;
}

async function describe(client: KafkaClient, group: string, values: Record<string, unknown>): Promise<number> {
  const views = DESCRIBE_VIEWS.filter((v) => values[v] !== undefined && values[v] !== false);
  if (views.length > 1) throw new UsageError(`--describe takes at most one of ${DESCRIBE_VIEWS.map((v) => `--${v}`).join(', ')}`);
  const d = await describeGroup(client, group, await coordinator(client, group));
  if (views[0] === 'members') {
    if (noteState(d, d.members.length)) process.stdout.write(`\n${table(membersTable(d, values.verbose === true))}`);
    return 0;
  }
  if (views[0] === 'state') {
    noteState(d, 1);
    process.stdout.write(`\n${table(stateTable(d))}`);
    return 0;
  }
  const committed = await committedOffsets(client, group);
  // A group the coordinator does not know, with offsets committed from outside any generation, is
  // still described by its offsets.
  if (d.state !== 'Dead' || committed.size === 0) noteState(d, 1);
  const owners = new Map(d.members.flatMap((m) => m.partitions.map((key) => [key, m] as const)));
  const split = (key: string): [string, number] => [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
  const keys = [...new Set([...committed.keys(), ...owners.keys()])].sort((a, b) => byTopicPartition(split(a), split(b)));
  const rows = [['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']];
  const ends = new Map<string, Map<number, number>>();
  for (const key of keys) {
    const [topic, p] = split(key);
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
  process.stdout.write(`\n${table(rows)}`);
  return 0;
}

/** DeleteGroups at each group's coordinator, with Kafka's summary lines. */
async function remove(client: KafkaClient, groups: string[]): Promise<number> {
  const deleted: string[] = [];
  const failed: string[] = [];
  for (const group of groups) {
    const { res } = await client.request(DeleteGroupsApi, { groupsNames: [group] }, await coordinator(client, group), 2);
    const r = res.results[0]!;
    if (r.errorCode === 0) deleted.push(group);
    else failed.push(`* Group '${group}' could not be deleted due to: ${errorName(r.errorCode)}`);
  }
  const names = (some: string[]): string => some.map((g) => `'${g}'`).join(', ');
  if (failed.length === 0) {
    process.stdout.write(`Deletion of requested consumer groups (${names(deleted)}) was successful.\n`);
    return 0;
  }
  process.stdout.write(`\nError: Deletion of some consumer groups failed:\n${failed.join('\n')}\n`);
  if (deleted.length > 0) process.stdout.write(`\nThese consumer groups were deleted successfully: ${names(deleted)}\n`);
  return 1;
}

/** Each --topic as Kafka's tool takes it: NAME, or NAME:P,P for some partitions. */
function topicSpecs(values: Record<string, unknown>, action: string): TopicSpec[] {
  const args = (values.topic as string[] | undefined) ?? [];
  if (args.length === 0) throw new UsageError(`--${action} needs --topic NAME[:P,P...]`);
  return args.map((arg) => {
    const colon = arg.lastIndexOf(':');
    if (colon < 0) return { topic: arg };
    const partitions = arg.slice(colon + 1).split(',').map((p) => Number(p));
    if (colon === 0 || partitions.some((p) => !Number.isInteger(p) || p < 0)) throw new UsageError(`--topic takes NAME or NAME:P,P..., got "${arg}"`);
    return { topic: arg.slice(0, colon), partitions };
  });
}

/** Offsets to commit per "topic" and partition, as a --from-file plan gives them for one group. */
type GroupPlan = Map<string, Map<number, number>>;

/**
 * A reset plan as --export writes it (Kafka's CSV): "topic,partition,offset" lines for the one
 * --group, or "group,topic,partition,offset" lines (which a single --group may also read).
 */
function readResetPlan(path: string, group: string | undefined): Map<string, GroupPlan> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--from-file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const plans = new Map<string, GroupPlan>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.trim().split(',');
    const withGroup = fields.length === 4;
    if ((!withGroup && (fields.length !== 3 || group === undefined))) {
      throw new UsageError(`--from-file ${path} line ${i + 1}: expected ${group === undefined ? 'group,' : '[group,]'}topic,partition,offset, got "${line}"`);
    }
    const [g, topic, partition, offset] = withGroup ? fields : [group!, ...fields];
    const [p, o] = [Number(partition), Number(offset)];
    if (!Number.isInteger(p) || p < 0 || !Number.isInteger(o) || o < 0 || !topic) throw new UsageError(`--from-file ${path} line ${i + 1}: bad partition or offset in "${line}"`);
    const plan = plans.get(g!) ?? new Map<string, Map<number, number>>();
    plans.set(g!, plan);
    plan.set(topic, (plan.get(topic) ?? new Map<number, number>()).set(p, o));
  });
  return plans;
}

/** The plan as kafka-consumer-groups prints it: a table, or with --export its CSV (without the
 * group column for a single --group). */
function printReset(rows: string[][], values: Record<string, unknown>, singleGroup: boolean): void {
  if (values.export === true) {
    process.stdout.write(`${rows.map((r) => `${(singleGroup ? r.slice(1) : r).join(',')}\n`).join('')}\n`);
    return;
  }
  process.stdout.write(`${values.execute === true ? '' : '(dry run: nothing committed; --execute commits)\n'}${table([['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET'], ...rows])}`);
}

/** One group's reset: its rows (group, topic, partition, new offset), committed with --execute. */
async function resetOffsets(client: KafkaClient, group: string, values: Record<string, unknown>, fromFile?: GroupPlan): Promise<string[][]> {
  const targets = RESET_SCENARIOS.filter((k) => values[k] !== undefined && values[k] !== false);
  if (targets.length !== 1) throw new UsageError(`--reset-offsets needs exactly one of ${RESET_SCENARIOS.map((k) => `--${k}`).join(', ')}`);
  // Kafka's resetOffsets: only a group without members; committing under live members would race
  // their own commits (and a classic coordinator refuses commits from outside the generation).
  const { state } = await describeGroup(client, group, await coordinator(client, group));
  if (state !== 'Empty' && state !== 'Dead') {
    throw new Error(`Assignments can only be reset if the group '${group}' is inactive, but the current state is ${state}.`);
  }
  const plans: [string, Map<number, number>][] = [];
  if (fromFile !== undefined) {
    plans.push(...fromFile);
  } else {
    // The group's committed offsets, asked once for all its topics (and only by scenarios that need them).
    let committed: Promise<Map<string, number>> | undefined;
    const committedOnce = (): Promise<Map<string, number>> => (committed ??= committedOffsets(client, group));
    for (const { topic, partitions } of topicSpecs(values, 'reset-offsets')) {
      const parts = (await client.partitions(topic)).filter((p) => partitions === undefined || partitions.includes(p.partition));
      plans.push([topic, await resetPlan(client, committedOnce, topic, parts, targets[0] as ComputedScenario, values)]);
    }
  }
  const rows: string[][] = [];
  for (const [topic, plan] of plans) {
    if (values.execute === true) await commitOffsets(client, group, topic, plan);
    rows.push(...[...plan].map(([p, o]) => [group, topic, String(p), String(o)]));
  }
  return rows;
}

const RESET_SCENARIOS = ['to-earliest', 'to-latest', 'to-offset', 'shift-by', 'to-current', 'to-datetime', 'by-duration', 'from-file'] as const;
type ComputedScenario = Exclude<(typeof RESET_SCENARIOS)[number], 'from-file'>;

/** Kafka's prepareOffsetsToReset for one topic: the new offset of each partition. */
async function resetPlan(client: KafkaClient, groupOffsets: () => Promise<Map<string, number>>, topic: string,
  parts: { partition: number; leader: number }[], scenario: ComputedScenario, values: Record<string, unknown>): Promise<Map<number, number>> {
  const latest = (): Promise<Map<number, number>> => listOffsets(client, topic, parts, LATEST);
  /** Clamped into [earliest, latest] per partition, as Kafka's checkOffsetsRange does. */
  const clamped = async (wanted: Map<number, number>): Promise<Map<number, number>> => {
    const [lo, hi] = [await listOffsets(client, topic, parts, EARLIEST), await latest()];
    return new Map([...wanted].map(([p, o]) => [p, Math.min(hi.get(p)!, Math.max(lo.get(p)!, o))]));
  };
  const committed = async (): Promise<Map<number, number | undefined>> => {
    const all = await groupOffsets();
    return new Map(parts.map((p) => [p.partition, all.get(`${topic}/${p.partition}`)]));
  };
  switch (scenario) {
    case 'to-earliest': return listOffsets(client, topic, parts, EARLIEST);
    case 'to-latest': return latest();
    case 'to-offset': {
      const n = intFlag(values, 'to-offset', 0)!;
      return clamped(new Map(parts.map((p) => [p.partition, n])));
    }
    case 'shift-by': {
      const by = intFlag(values, 'shift-by', Number.MIN_SAFE_INTEGER)!;
      const current = await committed();
      const missing = [...current].find(([, o]) => o === undefined);
      if (missing) throw new Error(`Cannot shift offset for partition ${topic}-${missing[0]} since there is no current committed offset`);
      return clamped(new Map([...current].map(([p, o]) => [p, o! + by])));
    }
    case 'to-current': {
      const [current, end] = [await committed(), await latest()];
      return new Map([...current].map(([p, o]) => [p, o ?? end.get(p)!]));
    }
    case 'to-datetime':
    case 'by-duration': {
      const timestampMs = scenario === 'to-datetime' ? parseDateTime(values['to-datetime'] as string) : Date.now() - parseDuration(values['by-duration'] as string);
      const found = await listOffsets(client, topic, parts, timestampMs);
      const empty = [...found].filter(([, o]) => o < 0).map(([p]) => p);
      if (empty.length === 0) return found;
      // Kafka's getLogTimestampOffsets: no record at or after the time, so the log end.
      for (const p of empty) process.stdout.write(`\nWarn: Partition ${p} from topic ${topic} is empty. Falling back to latest known offset.\n`);
      const end = await latest();
      return new Map([...found].map(([p, o]) => [p, o < 0 ? end.get(p)! : o]));
    }
  }
}

/** Kafka's Utils.getDateTime: 'YYYY-MM-DDTHH:mm:SS.sss', with a zone (Z, +hh, +hhmm, +hh:mm) or UTC. */
function parseDateTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) throw new UsageError(`--to-datetime takes 'YYYY-MM-DDTHH:mm:SS.sss' (a zone such as Z or +01:00 optional), got "${text}"`);
  const [, y, mo, d, h, mi, sec, ms, zone] = m as unknown as string[];
  let utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(ms));
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  return utc;
}

/** Java's Duration.parse, as --by-duration takes it: PnDTnHnMn.nS (e.g. PT1H30M, P1DT2H). */
function parseDuration(text: string): number {
  const m = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i.exec(text);
  if (!m || text.toUpperCase().endsWith('T') || text.toUpperCase() === 'P') throw new UsageError(`--by-duration takes an ISO-8601 duration such as PT1H or P1DT2H30M, got "${text}"`);
  const [, sign, d, h, mi, sec, frac] = m;
  const ms = Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(mi ?? 0) * 60_000 + Number(sec ?? 0) * 1000
    + Math.round(Number(`0.${frac ?? '0'}`) * 1000) * (sec?.startsWith('-') ? -1 : 1);
  return sign === '-' ? -ms : ms;
}
