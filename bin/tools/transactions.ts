// `kraftling transactions` (kafka-transactions): `list` (ListTransactions of every broker),
// `describe --transactional-id ID` (DescribeTransactions of its coordinator), `describe-producers
// --topic T --partition P` (DescribeProducers of the leader) and `abort --topic T --partition P
// --start-offset O`, which writes an ABORT marker for the transaction open at that offset as
// Kafka's admin client does (WriteTxnMarkers to the leader): the way out of a hanging transaction.
// `find-hanging --broker-id N | --topic T [--partition P]` finds those, as Kafka's tool does:
// transactions open for longer than --max-transaction-timeout minutes (15) whose coordinator does
// not know them, or knows them without that partition.
// Tables are Kafka's: each cell padded to its column, then a tab.
import { DescribeProducersApi, type ProducerState } from '../../protocol/generated/api/61-describe-producers.js';
import { DescribeTransactionsApi } from '../../protocol/generated/api/65-describe-transactions.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { ListTransactionsApi } from '../../protocol/generated/api/66-list-transactions.js';
import { WriteTxnMarkersApi } from '../../protocol/generated/api/27-write-txn-markers.js';
import { intFlag, UsageError } from '../usage.js';
import { groupBy, KafkaError, withClient, type KafkaClient } from './kafka-client.js';

const TRANSACTION_COORDINATOR = 1;
const TRANSACTIONAL_ID_NOT_FOUND = 105;

export async function runTransactions(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action] = positionals;
  switch (action) {
    case 'list': return withClient('transactions', values, list);
    case 'describe': {
      const id = values['transactional-id'];
      if (typeof id !== 'string') throw new UsageError('describe needs --transactional-id ID');
      return withClient('transactions', values, (client) => describe(client, id));
    }
    case 'describe-producers': {
      const { topic, partition } = topicPartition(values);
      return withClient('transactions', values, async (client) => {
        printTable(['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset'],
          (await producers(client, topic, partition)).map((p) => [p.producerId, p.producerEpoch, p.coordinatorEpoch, p.lastSequence, p.lastTimestamp,
            p.currentTxnStartOffset < 0 ? 'None' : p.currentTxnStartOffset].map(String)));
        return 0;
      });
    }
    case 'abort': {
      const { topic, partition } = topicPartition(values);
      const start = String(values['start-offset'] ?? '');
      if (!/^\d+$/.test(start)) throw new UsageError('abort needs --start-offset O (the first offset of the open transaction)');
      return withClient('transactions', values, (client) => abort(client, topic, partition, Number(start)));
    }
    case 'find-hanging': {
      const brokerId = intFlag(values, 'broker-id', 0);
      const topic = typeof values.topic === 'string' ? values.topic : undefined;
      const partition = intFlag(values, 'partition', 0);
      if (topic === undefined && brokerId === undefined) {
        throw new UsageError('The `find-hanging` command requires either --topic or --broker-id to limit the scope of the search');
      }
      if (partition !== undefined && topic === undefined) throw new UsageError('The --partition argument requires --topic to be provided');
      const maxTimeoutMs = (intFlag(values, 'max-transaction-timeout', 0) ?? 15) * 60_000;
      return withClient('transactions', values, (client) => findHanging(client, { brokerId, topic, partition, maxTimeoutMs }));
    }
    default:
      throw new UsageError('transactions takes list, describe, describe-producers, abort or find-hanging');
  }
}

async function list(client: KafkaClient): Promise<number> {
  const md = await client.metadata([]);
  const rows: string[][] = [];
  for (const b of [...md.brokers].sort((x, y) => x.nodeId - y.nodeId)) {
    const { res } = await client.request(ListTransactionsApi, { stateFilters: [], producerIdFilters: [], durationFilter: -1 }, { host: b.host, port: b.port });
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `ListTransactions of broker ${b.nodeId}`);
    for (const t of res.transactionStates) rows.push([t.transactionalId, String(b.nodeId), String(t.producerId), t.transactionState]);
  }
  printTable(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState'], rows);
  return 0;
}

async function describe(client: KafkaClient, transactionalId: string): Promise<number> {
  const { res: found } = await client.request(FindCoordinatorApi, { key: transactionalId, keyType: TRANSACTION_COORDINATOR, coordinatorKeys: [transactionalId] }, undefined, 3);
  if (found.errorCode !== 0) throw new KafkaError(found.errorCode, `coordinator of transactional-id \`${transactionalId}\``, found.errorMessage);
  const { res } = await client.request(DescribeTransactionsApi, { transactionalIds: [transactionalId] }, { host: found.host, port: found.port });
  const t = res.transactionStates[0];
  if (!t || t.errorCode !== 0) throw new KafkaError(t?.errorCode ?? -1, `Failed to describe transaction state of transactional-id \`${transactionalId}\``);
  const started = t.transactionStartTimeMs >= 0;
  printTable(
    ['CoordinatorId', 'TransactionalId', 'ProducerId', 'ProducerEpoch', 'TransactionState', 'TransactionTimeoutMs', 'CurrentTransactionStartTimeMs', 'TransactionDurationMs', 'TopicPartitions'],
    [[String(found.nodeId), transactionalId, String(t.producerId), String(t.producerEpoch), t.transactionState, String(t.transactionTimeoutMs),
      started ? String(t.transactionStartTimeMs) : 'None', started ? String(Date.now() - t.transactionStartTimeMs) : 'None',
      t.topics.flatMap((d) => d.partitions.map((p) => `${d.topic}-${p}`)).join(',')]],
  );
  return 0;
}

async function abort(client: KafkaClient, topic: string, partition: number, startOffset: number): Promise<number> {
  const open = (await producers(client, topic, partition)).find((p) => p.currentTxnStartOffset === startOffset);
  if (!open) {
    process.stderr.write(`kraftling transactions: Could not find any open transactions starting at offset ${startOffset} on partition ${topic}-${partition}\n`);
    return 1;
  }
  const { res } = await client.request(WriteTxnMarkersApi, {
    markers: [{
      producerId: open.producerId, producerEpoch: open.producerEpoch, transactionResult: false,
      topics: [{ name: topic, partitionIndexes: [partition] }], coordinatorEpoch: Math.max(open.coordinatorEpoch, 0),
    }],
  }, await leader(client, topic, partition));
  const code = res.markers[0]?.topics[0]?.partitions[0]?.errorCode ?? -1;
  if (code !== 0) throw new KafkaError(code, `Failed to abort transaction of producer ${open.producerId} on ${topic}-${partition}`);
  return 0;
}

async function producers(client: KafkaClient, topic: string, partition: number): Promise<ProducerState[]> {
  const { res } = await client.request(DescribeProducersApi, { topics: [{ name: topic, partitionIndexes: [partition] }] }, await leader(client, topic, partition));
  const p = res.topics[0]?.partitions[0];
  if (!p || p.errorCode !== 0) throw new KafkaError(p?.errorCode ?? -1, `Failed to describe producers for partition ${topic}-${partition} on leader`, p?.errorMessage);
  return p.activeProducers;
}

async function leader(client: KafkaClient, topic: string, partition: number) {
  const p = (await client.partitions(topic)).find((x) => x.partition === partition);
  if (!p) throw new KafkaError(3, `partition ${topic}-${partition}`);
  return client.broker(p.leader);
}

interface HangingScope {
  brokerId: number | undefined;
  topic: string | undefined;
  partition: number | undefined;
  maxTimeoutMs: number;
}

interface OpenTransaction {
  topic: string;
  partition: number;
  producer: ProducerState;
}

async function findHanging(client: KafkaClient, scope: HangingScope): Promise<number> {
  const md = await client.metadata(scope.topic === undefined ? undefined : [scope.topic]);
  // Each partition searched, and the broker asked about it: the one named (any replica answers
  // DescribeProducers), else its leader.
  const searched: { topic: string; partition: number; at: number }[] = [];
  for (const t of md.topics) {
    if (t.errorCode !== 0) throw new KafkaError(t.errorCode, `Failed to describe topic ${t.name}`);
    for (const p of t.partitions) {
      // A partition named is asked about as it is (Kafka's tool does not filter it by broker).
      if (scope.partition !== undefined && p.partitionIndex !== scope.partition) continue;
      if (scope.partition === undefined && scope.brokerId !== undefined && !p.replicaNodes.includes(scope.brokerId)) continue;
      searched.push({ topic: t.name!, partition: p.partitionIndex, at: scope.brokerId ?? p.leaderId });
    }
  }
  if (scope.partition !== undefined && searched.length === 0) throw new KafkaError(3, `partition ${scope.topic}-${scope.partition}`);
  const nowMs = Date.now();
  const candidates: OpenTransaction[] = [];
  for (const [at, partitions] of groupBy(searched, (s) => s.at)) {
    const topics = [...groupBy(partitions, (p) => p.topic)].map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) }));
    const { res } = await client.request(DescribeProducersApi, { topics }, client.broker(at));
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== 0) throw new KafkaError(p.errorCode, `Failed to describe producers for ${t.name}-${p.partitionIndex} on broker ${at}`, p.errorMessage);
        for (const producer of p.activeProducers) {
          if (producer.currentTxnStartOffset >= 0 && nowMs - producer.lastTimestamp > scope.maxTimeoutMs) {
            candidates.push({ topic: t.name, partition: p.partitionIndex, producer });
          }
        }
      }
    }
  }
  const hanging = candidates.length === 0 ? [] : await withoutCoordinator(client, md.brokers, candidates);
  printTable(['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)'],
    hanging.map(({ topic, partition, producer: p }) => [topic, partition, p.producerId, p.producerEpoch, p.coordinatorEpoch, p.currentTxnStartOffset,
      p.lastTimestamp, Math.floor((nowMs - p.lastTimestamp) / 60_000)].map(String)));
  return 0;
}

/** The open transactions no coordinator will end: their producer has no transactional id any
 * coordinator lists, or its transaction (as DescribeTransactions has it) does not name the partition. */
async function withoutCoordinator(client: KafkaClient, brokers: readonly { nodeId: number; host: string; port: number }[],
  candidates: OpenTransaction[]): Promise<OpenTransaction[]> {
  const producerIds = [...new Set(candidates.map((c) => c.producer.producerId))];
  const idOf = new Map<number, string>();
  for (const b of brokers) {
    const { res } = await client.request(ListTransactionsApi, { stateFilters: [], producerIdFilters: producerIds, durationFilter: -1 }, { host: b.host, port: b.port });
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `Failed to list transactions for ${producerIds.length} producers`);
    for (const t of res.transactionStates) if (producerIds.includes(t.producerId)) idOf.set(t.producerId, t.transactionalId);
  }
  const partitionsOf = new Map<string, Set<string> | null>();
  for (const transactionalId of new Set(idOf.values())) {
    const { res: found } = await client.request(FindCoordinatorApi, { key: transactionalId, keyType: TRANSACTION_COORDINATOR, coordinatorKeys: [transactionalId] }, undefined, 3);
    if (found.errorCode !== 0) throw new KafkaError(found.errorCode, `coordinator of transactional-id \`${transactionalId}\``, found.errorMessage);
    const { res } = await client.request(DescribeTransactionsApi, { transactionalIds: [transactionalId] }, { host: found.host, port: found.port });
    const t = res.transactionStates[0];
    if (t?.errorCode === TRANSACTIONAL_ID_NOT_FOUND) partitionsOf.set(transactionalId, null);
    else if (!t || t.errorCode !== 0) throw new KafkaError(t?.errorCode ?? -1, `Failed to describe transaction state of transactional-id \`${transactionalId}\``);
    else partitionsOf.set(transactionalId, new Set(t.topics.flatMap((d) => d.partitions.map((p) => `${d.topic}-${p}`))));
  }
  return candidates.filter((c) => {
    const transactionalId = idOf.get(c.producer.producerId);
    const partitions = transactionalId === undefined ? null : partitionsOf.get(transactionalId) ?? null;
    return partitions === null || !partitions.has(`${c.topic}-${c.partition}`);
  });
}

function topicPartition(values: Record<string, unknown>): { topic: string; partition: number } {
  const topic = values.topic;
  const partition = String(values.partition ?? '');
  if (typeof topic !== 'string' || !/^\d+$/.test(partition)) throw new UsageError('this action needs --topic T --partition P');
  return { topic, partition: Number(partition) };
}

/** Kafka's ToolsUtils.prettyPrintTable: every cell padded to its column's width, each followed by a tab. */
function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [headers, ...rows]) process.stdout.write(`${row.map((cell, i) => `${cell.padEnd(widths[i]!)}\t`).join('')}\n`);
}
