// `kraftling console-consumer`: kafka-console-consumer. Fetches every partition of --topic (or
// --partition) from its leader and prints each record as Kafka's DefaultMessageFormatter does:
// timestamp, partition, offset, headers, key (each when its print.* property is true), then value.
// With --group it joins the group as a member (group-member.ts), reads the partitions the group
// assigns it from their committed offsets, commits what it printed, and joins again when the group
// rebalances: two console consumers of one group split the partitions, as Kafka's do.
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../protocol/errors.js';
import { decodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { DecodedRecord } from '../../protocol/records/record.js';
import { intFlag, UsageError } from '../usage.js';
import { groupBy, KafkaError, withClient, type KafkaClient } from './kafka-client.js';
import { commitOffsets, committedOffsets, EARLIEST, LATEST, listOffsets } from './group-offsets.js';
import { GroupMember, HEARTBEAT_INTERVAL_MS } from './group-member.js';
import { keyValues } from './topics.js';

interface Format {
  printKey: boolean; printTimestamp: boolean; printPartition: boolean; printOffset: boolean; printHeaders: boolean;
  keySeparator: string; lineSeparator: string; headersSeparator: string;
}

const FORMAT_KEYS = ['print.key', 'print.timestamp', 'print.partition', 'print.offset', 'print.headers', 'key.separator', 'line.separator', 'headers.separator'];
/** Errors after which the leader is looked up again (it moved, or its node is gone). */
const RETRIABLE = new Set<number>([ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.UNKNOWN_LEADER_EPOCH, ErrorCode.FENCED_LEADER_EPOCH, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);

function format(values: Record<string, unknown>): Format {
  const props = new Map(keyValues(values.property, 'property').map((p) => [p.name, p.value]));
  for (const k of props.keys()) if (!FORMAT_KEYS.includes(k)) throw new UsageError(`--property ${k} is not one of ${FORMAT_KEYS.join(', ')}`);
  const on = (k: string): boolean => props.get(k) === 'true';
  return {
    printKey: on('print.key'), printTimestamp: on('print.timestamp'), printPartition: on('print.partition'), printOffset: on('print.offset'),
    printHeaders: on('print.headers'), keySeparator: props.get('key.separator') ?? '\t', lineSeparator: props.get('line.separator') ?? '\n',
    headersSeparator: props.get('headers.separator') ?? ',',
  };
}

export function formatRecord(r: DecodedRecord, partition: number, timestampType: number, f: Format): string {
  const text = (b: Buffer | null): string => (b === null ? 'null' : b.toString('utf8'));
  const fields: string[] = [];
  if (f.printTimestamp) fields.push(r.timestamp < 0 ? 'NO_TIMESTAMP' : `${timestampType === 1 ? 'LogAppendTime' : 'CreateTime'}:${r.timestamp}`);
  if (f.printPartition) fields.push(`Partition:${partition}`);
  if (f.printOffset) fields.push(`Offset:${r.offset}`);
  if (f.printHeaders) fields.push(r.headers.length === 0 ? 'NO_HEADERS' : r.headers.map((h) => `${h.key}:${text(h.value)}`).join(f.headersSeparator));
  if (f.printKey) fields.push(text(r.key));
  fields.push(text(r.value));
  return fields.join(f.keySeparator) + f.lineSeparator;
}


export async function runConsoleConsumer(values: Record<string, unknown>): Promise<number> {
  const topic = values.topic as string | undefined;
  if (!topic) throw new UsageError('--topic NAME is required');
  const f = format(values);
  const maxMessages = intFlag(values, 'max-messages', 0);
  const onlyPartition = intFlag(values, 'partition', 0);
  const timeoutMs = intFlag(values, 'timeout-ms', 0);
  const group = values.group as string | undefined;
  const offsetFlag = values.offset as string | undefined;
  if (offsetFlag !== undefined && onlyPartition === undefined) throw new UsageError('--offset needs --partition');
  if (group !== undefined && onlyPartition !== undefined) throw new UsageError('--group and --partition cannot be used together: the group assigns the partitions');
  if (offsetFlag !== undefined && !/^(earliest|latest|\d+)$/.test(offsetFlag)) throw new UsageError(`--offset takes earliest, latest or a non-negative integer, got "${offsetFlag}"`);
  const reset = values['from-beginning'] === true ? EARLIEST : LATEST;
  return withClient('console-consumer', values, async (client) => {
    const member = group === undefined ? undefined : new GroupMember(client, group, topic);
    const state = new ConsumeLoop(client, topic, f, member, maxMessages, timeoutMs);
    const stop = (): void => state.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await state.init(onlyPartition, offsetFlag, reset);
      await state.run();
    } finally {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      await member?.leave();
      process.stderr.write(`Processed a total of ${state.count} messages\n`);
    }
    return 0;
  });
}

class ConsumeLoop {
  count = 0;
  private stopped = false;
  private readonly positions = new Map<number, number>();
  private reset = LATEST;
  private rejoin = false;
  private lastHeartbeatMs = 0;

  constructor(private readonly client: KafkaClient, private readonly topic: string, private readonly f: Format,
    private readonly member: GroupMember | undefined, private readonly maxMessages: number | undefined, private readonly timeoutMs: number | undefined) {}

  stop(): void {
    this.stopped = true;
  }

  async init(only: number | undefined, offsetFlag: string | undefined, reset: number): Promise<void> {
    this.reset = reset;
    const all = await this.client.partitions(this.topic);
    let chosen = only === undefined ? all : all.filter((p) => p.partition === only);
    if (chosen.length === 0) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `partition ${this.topic}-${only}`);
    if (this.member) {
      const assigned = new Set(await this.member.join());
      this.lastHeartbeatMs = Date.now();
      chosen = chosen.filter((p) => assigned.has(p.partition));
    }
    // What this member had read stays read: a partition it keeps resumes at its own position if
    // that is past the commit (a commit that failed when the coordinator moved), as Kafka's does.
    const local = new Map(this.positions);
    this.positions.clear();
    const committed = this.member ? await committedOffsets(this.client, this.member.group) : new Map<string, number>();
    const explicit = offsetFlag !== undefined && /^\d+$/.test(offsetFlag) ? Number(offsetFlag) : undefined;
    const which = offsetFlag === 'earliest' ? EARLIEST : offsetFlag === 'latest' ? LATEST : reset;
    const needed = chosen.filter((p) => explicit === undefined && !committed.has(`${this.topic}/${p.partition}`));
    const listed = needed.length > 0 ? await listOffsets(this.client, this.topic, needed, which) : new Map<number, number>();
    for (const p of chosen) {
      const start = explicit ?? committed.get(`${this.topic}/${p.partition}`) ?? listed.get(p.partition)!;
      this.positions.set(p.partition, Math.max(start, local.get(p.partition) ?? -1));
    }
  }

  async run(): Promise<void> {
    let lastRecordMs = Date.now();
    while (!this.stopped && !this.done()) {
      const before = this.count;
      try {
        await this.keepMembership();
        await this.fetchRound();
      } catch (err) {
        if (err instanceof UsageError || err instanceof KafkaError) throw err;
        // A broker gone or a connection broken: look the leaders up again after a pause.
        await new Promise((r) => setTimeout(r, 200));
      }
      if (this.count > before) lastRecordMs = Date.now();
      else if (this.timeoutMs !== undefined && Date.now() - lastRecordMs >= this.timeoutMs) break;
    }
  }

  /** Heartbeats on time; when the group has moved on, joins again and takes the new assignment. */
  private async keepMembership(): Promise<void> {
    if (!this.member) return;
    if (!this.rejoin && Date.now() - this.lastHeartbeatMs >= HEARTBEAT_INTERVAL_MS) {
      this.lastHeartbeatMs = Date.now();
      this.rejoin = !(await this.member.heartbeat());
    }
    if (!this.rejoin) return;
    // Commit what was read before giving the partitions up (Kafka's consumer commits on revoke).
    await this.commit(new Map(this.positions));
    await this.init(undefined, undefined, this.reset);
    this.rejoin = false;
  }

  private done(): boolean {
    return this.maxMessages !== undefined && this.count >= this.maxMessages;
  }

  /** One fetch per leader, for the partitions it leads; prints, then commits (with --group). */
  private async fetchRound(): Promise<void> {
    const leaders = await this.client.partitions(this.topic);
    const byLeader = groupBy(leaders.filter((p) => this.positions.has(p.partition) && p.leader >= 0), (p) => p.leader);
    if (byLeader.size === 0) {
      await new Promise((r) => setTimeout(r, 200));
      return;
    }
    await Promise.all([...byLeader].map(([leader, partitions]) => this.fetchFrom(leader, partitions.map((p) => p.partition))));
  }

  private async fetchFrom(leader: number, partitions: number[]): Promise<void> {
    const req = FetchApi.defaultRequest();
    req.replicaId = -1;
    req.maxWaitMs = 500;
    req.minBytes = 1;
    req.maxBytes = 16 * 1024 * 1024;
    req.topics = [{ topic: this.topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: partitions.map((p) => ({
      partition: p, currentLeaderEpoch: -1, fetchOffset: this.positions.get(p)!, lastFetchedEpoch: -1, logStartOffset: -1,
      partitionMaxBytes: 1024 * 1024, replicaDirectoryId: 'AAAAAAAAAAAAAAAAAAAAAA',
    })) }];
    const { res } = await this.client.request(FetchApi, req, this.client.broker(leader), 12);
    const printed = new Map<number, number>();
    for (const p of res.responses[0]?.partitions ?? []) {
      if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        const [start] = (await listOffsets(this.client, this.topic, [{ partition: p.partitionIndex, leader }], this.reset)).values();
        this.positions.set(p.partitionIndex, start!);
        continue;
      }
      if (RETRIABLE.has(p.errorCode)) continue;
      if (p.errorCode !== 0) throw new KafkaError(p.errorCode, `fetching ${this.topic}-${p.partitionIndex}`);
      const next = this.print(p.partitionIndex, p.records);
      if (next !== undefined) printed.set(p.partitionIndex, next);
    }
    if (this.member) await this.commit(printed);
  }

  /** Commits in the member's generation; a generation that has ended means: join again. */
  private async commit(printed: Map<number, number>): Promise<void> {
    try {
      await commitOffsets(this.client, this.member!.group, this.topic, printed, this.member!);
    } catch (err) {
      const code = err instanceof KafkaError ? err.errorCode : -1;
      if (![ErrorCode.REBALANCE_IN_PROGRESS, ErrorCode.ILLEGAL_GENERATION, ErrorCode.UNKNOWN_MEMBER_ID].includes(code as never)) throw err;
      this.rejoin = true;
    }
  }

  /** Prints the records at or after the position; returns the new position when it moved. */
  private print(partition: number, records: Buffer | null): number | undefined {
    let position = this.positions.get(partition)!;
    const start = position;
    const out: string[] = [];
    for (let at = 0; records && at + 12 <= records.length && !this.done();) {
      const size = 12 + records.readInt32BE(at + 8);
      if (at + size > records.length) break; // a partial batch at the end of the response
      const batch = decodeRecordBatch(records.subarray(at, at + size));
      at += size;
      if (!batch.isControl) {
        for (const r of batch.records) {
          if (r.offset < position || this.done()) continue;
          out.push(formatRecord(r, partition, batch.timestampType, this.f));
          this.count++;
          position = r.offset + 1;
        }
      }
      if (!this.done()) position = Math.max(position, batch.baseOffset + batch.lastOffsetDelta + 1);
    }
    process.stdout.write(out.join(''));
    this.positions.set(partition, position);
    return position > start ? position : undefined;
  }
}
