// The metadata replay core alone, in this process: metadata records in record batches (as they sit
// in the log) checked, decoded and applied to one MetadataDelta, then the image built, as a node
// does at start before it publishes. No file reading, no process start and no partition logs opened: the rate of
// the replay itself, beside the whole-restart figures of kraft-replay.ts.
import { partitionRecord } from '../../src/controller/create-topics.js';
import { MetadataDelta } from '../../src/metadata/delta.js';
import { EMPTY_IMAGE } from '../../src/metadata/image.js';
import { metadataBatchAt } from '../../src/metadata/metadata-batch.js';
import { encodeMetadataRecord, MetadataRecordType, record } from '../../src/metadata/records.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { median, perSec, thousands, type BenchSettings, type Figure } from './report.js';

const RUNS = 5;
/** Records per batch: what one CreateTopics of many topics appends. */
const BATCH_RECORDS = 500;

function topicId(i: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(i + 1, 12);
  return bytes.toString('base64url');
}

/** A TopicRecord and `partitions` PartitionRecords for each of `topics` topics. */
function topicLog(topics: number, partitions = 1): Buffer[] {
  const values: Buffer[] = [];
  for (let i = 0; i < topics; i++) {
    const id = topicId(i);
    values.push(encodeMetadataRecord(record(MetadataRecordType.TOPIC, { name: `bench-topic-${i}`, topicId: id })));
    for (let p = 0; p < partitions; p++) values.push(encodeMetadataRecord(partitionRecord(id, p, [1])));
  }
  return values;
}

/** `topics` topics of `partitions` partitions, then two PartitionChangeRecords for each partition,
 * as an unclean restart of its only broker writes them: leader -1 when it is fenced, then back. */
function leaderChangeLog(topics: number, partitions: number): Buffer[] {
  const values = topicLog(topics, partitions);
  for (const leader of [-1, 1]) {
    for (let i = 0; i < topics; i++) {
      for (let p = 0; p < partitions; p++) {
        values.push(encodeMetadataRecord(record(MetadataRecordType.PARTITION_CHANGE, {
          partitionId: p, topicId: topicId(i), isr: null, leader, replicas: null, removingReplicas: null, addingReplicas: null,
          leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
        })));
      }
    }
  }
  return values;
}

/** `count` ConfigRecords over 100 topics' retention.ms. */
function configLog(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => encodeMetadataRecord(record(MetadataRecordType.CONFIG, {
    resourceType: 2, resourceName: `bench-topic-${i % 100}`, name: 'retention.ms', value: String(604_800_000 + i),
  })));
}

interface Log {
  batches: Buffer[];
  records: number;
}

function inBatches(values: readonly Buffer[]): Log {
  const batches: Buffer[] = [];
  for (let i = 0; i < values.length; i += BATCH_RECORDS) {
    const records = values.slice(i, i + BATCH_RECORDS).map((value) => ({ key: null, value, timestamp: 0 }));
    batches.push(encodeRecordBatch({ baseOffset: i, partitionLeaderEpoch: 1, records }));
  }
  return { batches, records: values.length };
}

function replayMs(log: Log): number {
  const started = performance.now();
  const delta = new MetadataDelta(EMPTY_IMAGE);
  for (const batch of log.batches) {
    metadataBatchAt(batch, 0).forEachValue((b, s, e) => delta.applyValue(b, s, e));
  }
  delta.finish(log.records - 1, 1);
  return performance.now() - started;
}

function figure(name: string, values: readonly Buffer[], what: string): Figure {
  const log = inBatches(values);
  replayMs(log);
  const runs = Array.from({ length: RUNS }, () => replayMs(log));
  return {
    group: 'kraft', name, value: `${thousands(perSec(log.records, median(runs)))} records/s`,
    versus: `target 1,000,000 records/s; ${thousands(log.records)} records in ${median(runs).toFixed(0)} ms`,
    generator: `in process: ${what} in batches of ${BATCH_RECORDS}, CRC-checked, decoded and applied to one MetadataDelta, image built; median of ${RUNS} after one warm-up`,
  };
}

export function replayCoreFigures(settings: BenchSettings): Figure[] {
  const topics = settings.quick ? 20_000 : 100_000;
  const wide = 100;
  return [
    // The worst case: every partition a topic of its own, so each record pair also fills the
    // image's two topic maps.
    figure('metadata replay core, topics', topicLog(topics), `${thousands(topics)} one-partition topics (TopicRecord + PartitionRecord)`),
    figure('metadata replay core, partitions', topicLog(topics / wide, wide), `${thousands(topics)} partitions in ${thousands(topics / wide)} topics of ${wide}`),
    figure('metadata replay core, configs', configLog(2 * topics), `${thousands(2 * topics)} ConfigRecords on 100 topics`),
    // A log as restarts leave it: most records change partitions that exist already.
    figure('metadata replay core, leader changes', leaderChangeLog(topics / 5, 5),
      `${thousands(topics)} partitions in ${thousands(topics / 5)} topics of 5, then a PartitionChangeRecord fencing and one unfencing each`),
  ];
}
