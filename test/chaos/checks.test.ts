// The chaos checks themselves: each invariant, broken on purpose, is reported (a check that cannot
// fail proves nothing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../../protocol/records/record.js';
import { encodeTestBatch } from '../helpers/storage-batches.js';
import type { ProducerRun } from './acks.js';
import { checkAcks, type PartitionContents } from './check-acks.js';
import { compareReplicas } from './check-replicas.js';

const record = (offset: number, value: string): DecodedRecord => ({ offset, timestamp: 0, key: null, value: Buffer.from(value), headers: [] });

function partition(values: string[]): PartitionContents {
  return { partition: 0, highWatermark: values.length, records: values.map((v, i) => record(i, v)) };
}

function run(producer: string, acks: [number, string][], idempotent = false): ProducerRun {
  return { producer, idempotent, failed: 0, fatal: [], clientBugs: [], acks: acks.map(([offset, id]) => ({ producer, partition: 0, offset, id })) };
}

describe('checkAcks', () => {
  it('passes a log that holds every acknowledged record where it was acknowledged', () => {
    const log = partition(['kafkajs-0', 'librdkafka-0', 'kafkajs-1', 'kafkajs-0']);
    expect(checkAcks([run('kafkajs', [[0, 'kafkajs-0'], [2, 'kafkajs-1']]), run('librdkafka', [[1, 'librdkafka-0']], true)], [log])).toEqual([]);
  });

  it('reports an acknowledged record that is missing or elsewhere', () => {
    const out = checkAcks([run('kafkajs', [[0, 'kafkajs-0'], [1, 'kafkajs-1'], [5, 'kafkajs-2']])], [partition(['kafkajs-0', 'kafkajs-2'])]);
    expect(out).toEqual([
      'LOST kafkajs-1: acknowledged at partition 0 offset 1, which holds kafkajs-2',
      'LOST kafkajs-2: acknowledged at partition 0 offset 5, which holds nothing',
    ]);
  });

  it('finds a record acknowledged without an offset anywhere in its partition, and reports it when it is not there', () => {
    const log = partition(['librdkafka-0', 'librdkafka-1']);
    expect(checkAcks([run('librdkafka', [[-1, 'librdkafka-0'], [1, 'librdkafka-1']], true)], [log])).toEqual([]);
    expect(checkAcks([run('librdkafka', [[-1, 'librdkafka-7'], [1, 'librdkafka-1']], true)], [log])).toEqual([
      'LOST librdkafka-7: acknowledged in partition 0 (offset not reported), not there',
    ]);
  });

  it('reports acknowledgements that go backwards in a partition', () => {
    const out = checkAcks([run('kafkajs', [[1, 'kafkajs-1'], [0, 'kafkajs-0']])], [partition(['kafkajs-0', 'kafkajs-1'])]);
    expect(out).toEqual(['kafkajs partition 0: kafkajs-0 acknowledged at offset 0 after kafkajs-1 at 1']);
  });

  it('reports a duplicate of the idempotent producer, and tolerates one of the other', () => {
    const log = partition(['librdkafka-0', 'kafkajs-0', 'librdkafka-0', 'kafkajs-0']);
    const out = checkAcks([run('kafkajs', [[1, 'kafkajs-0']]), run('librdkafka', [[0, 'librdkafka-0']], true)], [log]);
    expect(out).toEqual(['DUPLICATE librdkafka-0 from the idempotent producer: at partition 0 offset 0 and at partition 0 offset 2']);
  });

  it('reports offsets that are not 0..HW-1 once each', () => {
    const log: PartitionContents = { partition: 0, highWatermark: 3, records: [record(0, 'a'), record(2, 'b')] };
    expect(checkAcks([], [log])).toEqual([
      'partition 0: 2 records below high watermark 3',
      'partition 0: offset 2 where 1 was expected (offsets must be 0..HW-1, once each)',
    ]);
  });
});

describe('compareReplicas', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-chaos-check-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function replica(nodeId: number, batches: Buffer[]): [number, string] {
    const partitionDir = path.join(dir, `node-${nodeId}`, 't-0');
    fs.mkdirSync(partitionDir, { recursive: true });
    fs.writeFileSync(path.join(partitionDir, '00000000000000000000.log'), Buffer.concat(batches));
    return [nodeId, path.join(dir, `node-${nodeId}`)];
  }

  it('accepts identical bytes up to the high watermark, whatever follows it', () => {
    const a = encodeTestBatch({ baseOffset: 0, recordCount: 2, fill: 1 });
    const b = encodeTestBatch({ baseOffset: 2, recordCount: 2, fill: 2 });
    const c = encodeTestBatch({ baseOffset: 2, recordCount: 2, fill: 3 });
    const dirs = new Map([replica(1, [a, b]), replica(2, [a, c]), replica(3, [a])]);
    expect(compareReplicas(dirs, 't', 0, 2)).toEqual([]);
  });

  it('reports a replica whose batch differs, or that stops short of the high watermark', () => {
    const a = encodeTestBatch({ baseOffset: 0, recordCount: 2, fill: 1 });
    const b = encodeTestBatch({ baseOffset: 2, recordCount: 2, fill: 2 });
    const c = encodeTestBatch({ baseOffset: 2, recordCount: 2, fill: 3 });
    const dirs = new Map([replica(1, [a, b]), replica(2, [a, c]), replica(3, [a])]);
    const out = compareReplicas(dirs, 't', 0, 4);
    expect(out[0]).toBe('partition 0: node 3 stores up to 2, below the high watermark 4');
    expect(out[1]).toMatch(/^partition 0: node 1 has batch at 2 .* node 2 has batch at 2 .*\(batch 1 below HW 4\)$/);
    expect(out[2]).toMatch(/^partition 0: node 1 has batch at 2 .* node 3 has no batch/);
  });
});
