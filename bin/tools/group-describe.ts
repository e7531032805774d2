// One consumer group as kafka-consumer-groups --describe sees it, whichever protocol it runs:
// ConsumerGroupDescribe (KIP-848) first, DescribeGroups where the group is classic (the first
// answers GROUP_ID_NOT_FOUND for those, as Kafka's admin client finds), and the lines of
// --members and --state as ConsumerGroupCommand prints them.
import { ErrorCode } from '../../protocol/errors.js';
import { ConsumerGroupDescribeApi } from '../../protocol/generated/api/69-consumer-group-describe.js';
import { DescribeGroupsApi, type DescribedGroup } from '../../protocol/generated/api/15-describe-groups.js';
import { KafkaError, type Address, type KafkaClient } from './kafka-client.js';

export interface GroupMember {
  memberId: string;
  instanceId: string | null;
  clientId: string;
  clientHost: string;
  /** "topic/partition" of each partition the member holds now. */
  partitions: string[];
}

export interface GroupDescription {
  group: string;
  /** Kafka's state names: Stable, Empty, Dead, PreparingRebalance, Assigning, Reconciling, ... */
  state: string;
  /** The classic group's protocol (range, roundrobin, ...) or the consumer group's assignor. */
  assignor: string;
  members: GroupMember[];
  coordinator: Address & { nodeId: number };
}

const CONSUMER_GROUP_DESCRIBE_KEY = 69;

export async function describeGroup(client: KafkaClient, group: string, coordinator: Address & { nodeId: number }): Promise<GroupDescription> {
  const served = await client.apiVersions(coordinator);
  if (served.has(CONSUMER_GROUP_DESCRIBE_KEY)) {
    const { res } = await client.request(ConsumerGroupDescribeApi, { groupIds: [group], includeAuthorizedOperations: false }, coordinator);
    const g = res.groups[0]!;
    if (g.errorCode === ErrorCode.NONE) {
      return {
        group, state: g.groupState, assignor: g.assignorName, coordinator,
        members: g.members.map((m) => ({
          memberId: m.memberId, instanceId: m.instanceId, clientId: m.clientId, clientHost: m.clientHost,
          partitions: m.assignment.topicPartitions.flatMap((t) => t.partitions.map((p) => `${t.topicName}/${p}`)),
        })),
      };
    }
    if (g.errorCode !== ErrorCode.GROUP_ID_NOT_FOUND) throw new KafkaError(g.errorCode, `group ${group}`, g.errorMessage);
  }
  const { res } = await client.request(DescribeGroupsApi, { groups: [group], includeAuthorizedOperations: false }, coordinator, 5);
  const g = res.groups[0]!;
  if (g.errorCode !== ErrorCode.NONE) throw new KafkaError(g.errorCode, `group ${group}`);
  return {
    group, state: g.groupState, assignor: g.protocolData, coordinator,
    members: g.members.map((m) => ({
      memberId: m.memberId, instanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost, partitions: classicAssignment(g, m),
    })),
  };
}

/** The partitions in a classic member's ConsumerProtocolAssignment (none for other protocol types). */
function classicAssignment(g: DescribedGroup, m: DescribedGroup['members'][number]): string[] {
  const out: string[] = [];
  const b = m.memberAssignment;
  if (g.protocolType !== 'consumer' || b.length < 6) return out;
  let at = 2;
  const topics = b.readInt32BE(at);
  at += 4;
  for (let t = 0; t < topics; t++) {
    const len = b.readInt16BE(at);
    const topic = b.toString('utf8', at + 2, at + 2 + len);
    at += 2 + len;
    const count = b.readInt32BE(at);
    at += 4;
    for (let p = 0; p < count; p++, at += 4) out.push(`${topic}/${b.readInt32BE(at)}`);
  }
  return out;
}

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling']);

/**
 * ConsumerGroupCommand's shouldPrintMemberState: a line on stderr for a group that does not exist
 * (then an error), has no members, or is rebalancing; whether its members are printed.
 */
export function noteState(d: GroupDescription, members: number): boolean {
  if (d.state === 'Dead') throw new Error(`Consumer group '${d.group}' does not exist.`);
  if (d.state === 'Empty') process.stderr.write(`\nConsumer group '${d.group}' has no active members.\n`);
  else if (REBALANCING.has(d.state)) process.stderr.write(`\nWarning: Consumer group '${d.group}' is rebalancing.\n`);
  return members > 0;
}

/** --members [--verbose]: a line per member, GROUP-INSTANCE-ID where any member has one. */
export function membersTable(d: GroupDescription, verbose: boolean): string[][] {
  const instances = d.members.some((m) => m.instanceId !== null && m.instanceId !== '');
  const header = ['GROUP', 'CONSUMER-ID', ...(instances ? ['GROUP-INSTANCE-ID'] : []), 'HOST', 'CLIENT-ID', '#PARTITIONS', ...(verbose ? ['ASSIGNMENT'] : [])];
  return [header, ...d.members.map((m) => [
    d.group, m.memberId, ...(instances ? [m.instanceId ?? ''] : []), m.clientHost, m.clientId, String(m.partitions.length),
    ...(verbose ? [assignmentText(m.partitions)] : []),
  ])];
}

/** "orders(0,1), audit(2)": each topic's partitions, as Kafka's tool groups them. */
function assignmentText(partitions: string[]): string {
  if (partitions.length === 0) return '-';
  const byTopic = new Map<string, number[]>();
  for (const key of partitions) {
    const slash = key.lastIndexOf('/');
    const topic = key.slice(0, slash);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(key.slice(slash + 1))]);
  }
  return [...byTopic].map(([topic, ps]) => `${topic}(${ps.sort((a, b) => a - b).join(',')})`).sort().join(', ');
}

/** --state: the coordinator as "host:port  (id)", the assignor, the state and the member count. */
export function stateTable(d: GroupDescription): string[][] {
  const coordinator = `${d.coordinator.host}:${d.coordinator.port}  (${d.coordinator.nodeId})`;
  return [['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'], [d.group, coordinator, d.assignor, d.state, String(d.members.length)]];
}
