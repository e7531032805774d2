// `kraftling leader-election` (kafka-leader-election): ElectLeaders for every partition
// (--all-topic-partitions), one (--topic, --partition) or those of a JSON file
// ({"partitions": [{"topic": "orders", "partition": 0}]}), preferred or unclean, printed as Kafka's
// tool prints the outcome: elected, already led by a valid replica, or failed (exit 1).
import fs from 'node:fs';
import { ElectLeadersApi } from '../../protocol/generated/api/43-elect-leaders.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { UsageError } from '../usage.js';
import { groupBy, withClient } from './kafka-client.js';

const ELECTION_TYPES: Record<string, number> = { PREFERRED: 0, UNCLEAN: 1 };

export async function runLeaderElection(values: Record<string, unknown>): Promise<number> {
  const typeName = String(values['election-type'] ?? '').toUpperCase();
  const electionType = ELECTION_TYPES[typeName];
  if (electionType === undefined) throw new UsageError('--election-type takes preferred or unclean');
  const partitions = wantedPartitions(values);
  return withClient('leader-election', values, async (client) => {
    const topicPartitions = partitions === null ? null : [...groupBy(partitions, (p) => p.topic)].map(([topic, ofTopic]) => ({
      topic, partitions: ofTopic.map((p) => p.partition),
    }));
    const { res } = await client.request(ElectLeadersApi, { electionType, topicPartitions, timeoutMs: 30_000 });
    if (res.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) {
      process.stdout.write('Not authorized to perform leader election\n');
      return 1;
    }
    if (res.errorCode !== 0) {
      process.stderr.write(`kraftling leader-election: ${errorName(res.errorCode)}\n`);
      return 1;
    }
    const succeeded: string[] = [];
    const noop: string[] = [];
    const failed: string[] = [];
    for (const t of res.replicaElectionResults) {
      for (const p of t.partitionResult) {
        const name = `${t.topic}-${p.partitionId}`;
        if (p.errorCode === 0) succeeded.push(name);
        else if (p.errorCode === ErrorCode.ELECTION_NOT_NEEDED) noop.push(name);
        else failed.push(`Error completing leader election (${typeName}) for partition: ${name}: ${errorName(p.errorCode)}${p.errorMessage ? `: ${p.errorMessage}` : ''}`);
      }
    }
    if (succeeded.length > 0) process.stdout.write(`Successfully completed leader election (${typeName}) for partitions ${succeeded.join(', ')}\n`);
    if (noop.length > 0) process.stdout.write(`Valid replica already elected for partitions ${noop.join(', ')}\n`);
    for (const line of failed) process.stdout.write(`${line}\n`);
    if (failed.length > 0) process.stderr.write(`kraftling leader-election: ${failed.length} replica(s) could not be elected\n`);
    return failed.length > 0 ? 1 : 0;
  });
}

/** The partitions asked for; null for every partition (--all-topic-partitions). */
function wantedPartitions(values: Record<string, unknown>): { topic: string; partition: number }[] | null {
  const all = values['all-topic-partitions'] === true;
  const file = values['path-to-json-file'];
  const topic = values.topic;
  const given = [all, typeof file === 'string', typeof topic === 'string'].filter(Boolean).length;
  if (given !== 1) throw new UsageError('leader-election needs one of --all-topic-partitions, --topic (with --partition) or --path-to-json-file');
  if (all) return null;
  if (typeof topic === 'string') {
    const partition = String(values.partition ?? '');
    if (!/^\d+$/.test(partition)) throw new UsageError('--topic needs --partition N');
    return [{ topic, partition: Number(partition) }];
  }
  let doc: { partitions?: unknown };
  try {
    doc = JSON.parse(fs.readFileSync(file as string, 'utf8')) as { partitions?: unknown };
  } catch (err) {
    throw new UsageError(`cannot read --path-to-json-file ${String(file)}: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc.partitions)) throw new UsageError('--path-to-json-file: missing "partitions"');
  return doc.partitions.map((p: { topic?: unknown; partition?: unknown }) => {
    if (typeof p.topic !== 'string' || !Number.isInteger(p.partition)) throw new UsageError(`each partition needs "topic" and "partition", got ${JSON.stringify(p)}`);
    return { topic: p.topic, partition: p.partition as number };
  });
}
