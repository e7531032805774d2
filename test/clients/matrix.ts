// The client matrix: every client does the same things against a three-node cluster (one per test
// file): create a topic (with its own admin API where it has one), produce RECORDS keyed records
// with a codec, read them back complete and in order in a consumer group that commits, then, after
// MORE records more, a restarted consumer of the same group resumes at the commit and reads exactly
// those. Each client file checks what it read with the functions here.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { ATTRIBUTES, COMPRESSION_MASK, batchSize } from '../../protocol/records/batch-header.js';

export const RECORDS = 1000;
export const MORE = 100;
export const PARTITIONS = 3;
/** A deadline for one client's whole flow, far above its few seconds: the machine may be busy. */
export const FLOW_TIMEOUT_MS = 180_000;
export const PROGRAMS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'programs');

/** Ten keys, so every partition gets some and each key's records must stay in one partition. */
export const keyOf = (i: number): string => `key-${i % 10}`;

/** Records [from, from + count) as keyed string messages; the value is the record's index. */
export function keyedRecords(from: number, count: number): { key: string; value: string }[] {
  return Array.from({ length: count }, (_, j) => ({ key: keyOf(from + j), value: String(from + j) }));
}

export interface ReadRecord {
  partition: number;
  offset: number;
  key: string;
  value: string;
}

/** "partition offset key value" lines, the output of every external client program. */
export function parseLines(stdout: string): ReadRecord[] {
  return stdout.split('\n').filter((l) => l.trim() !== '').map((line) => {
    const [partition, offset, key, value] = line.trim().split(' ');
    return { partition: Number(partition), offset: Number(offset), key: key!, value: value! };
  });
}

/**
 * Records [from, from + count) each exactly once, in the order they were read: within a partition
 * offsets and indexes both rise (the producer sent them in index order), and a key stays in one
 * partition.
 */
export function expectCompleteInOrder(records: ReadRecord[], from: number, count: number): void {
  const indexes = records.map((r) => Number(r.value)).sort((a, b) => a - b);
  expect(indexes).toEqual(Array.from({ length: count }, (_, j) => from + j));
  const last = new Map<number, ReadRecord>();
  const partitionOfKey = new Map<string, number>();
  for (const r of records) {
    expect(r.key, `key of record ${r.value}`).toBe(keyOf(Number(r.value)));
    const before = last.get(r.partition);
    if (before) {
      expect(r.offset, `partition ${r.partition} offsets in order`).toBeGreaterThan(before.offset);
      expect(Number(r.value), `partition ${r.partition} records in order`).toBeGreaterThan(Number(before.value));
    }
    last.set(r.partition, r);
    expect(partitionOfKey.get(r.key) ?? r.partition, `partition of ${r.key}`).toBe(r.partition);
    partitionOfKey.set(r.key, r.partition);
  }
}

/** What a client does in the matrix; the flow below drives it the same way for every client. */
export interface MatrixClient {
  /** Creates the topic (PARTITIONS partitions, replication factor 3) with the client's admin API. */
  createTopic?(topic: string): Promise<void>;
  /** Produces keyedRecords(from, count), compressed, with acks=all. */
  produce(topic: string, from: number, count: number): Promise<void>;
  /** Joins the group, reads count records in the order delivered, commits them, leaves. */
  consume(topic: string, group: string, count: number): Promise<ReadRecord[]>;
}

/** A Python program of programs/ (see matrix_program.py) as a matrix client, run by /usr/bin/python3. */
export function pythonProgramClient(program: string, bootstrap: string, codec: string): MatrixClient {
  const run = (topic: string, group: string, ...args: (string | number)[]) => runProgram('/usr/bin/python3',
    [path.join(PROGRAMS, program), bootstrap, topic, group, codec, ...args.map(String)]);
  return {
    createTopic: async (topic) => void await run(topic, '-', 'create'),
    produce: async (topic, from, count) => void await run(topic, '-', 'produce', from, count),
    consume: async (topic, group, count) => parseLines(await run(topic, group, 'consume', count)),
  };
}

/** Debian's Go libraries, as source: Go programs build offline against them in GOPATH mode. */
export const GOPATH = '/usr/share/gocode';

/** Builds a Go program of programs/ into `binary`: offline and module-free, only what Debian
 * installed. The build cache outlives the run, so a second run links in a second or two instead
 * of compiling the library again. */
async function goBuild(program: string, binary: string): Promise<void> {
  const env = { GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOPROXY: 'off', GOCACHE: path.join(os.tmpdir(), 'kraftling-go-cache') };
  await runProgram('go', ['build', '-o', binary, '.'], undefined, { cwd: path.join(PROGRAMS, program), env: { ...process.env, ...env } });
}

/** Builds programs/<program> into a temporary directory before the suite's tests and removes it
 * after them; the returned function gives the binary's path once built. */
export function builtGoProgram(program: string): () => string {
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `kraftling-${program}-`));
    await goBuild(program, path.join(dir, `${program}-client`));
  }, 300_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => path.join(dir, `${program}-client`);
}

/** A built Go program of programs/ (they share one command line) as a matrix client. */
export function goProgramClient(binary: string, bootstrap: string, codec: string): MatrixClient {
  const run = (topic: string, group: string, ...args: (string | number)[]) =>
    runProgram(binary, [bootstrap, topic, group, codec, ...args.map(String)]);
  return {
    createTopic: async (topic) => void await run(topic, '-', 'create'),
    produce: async (topic, from, count) => void await run(topic, '-', 'produce', from, count),
    consume: async (topic, group, count) => parseLines(await run(topic, group, 'consume', count)),
  };
}

export const CODEC_IDS = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CodecName = keyof typeof CODEC_IDS;

/** The whole matrix flow for one client and codec, on a topic of its own. */
export async function runMatrix(cluster: Cluster, client: MatrixClient, name: string, codec: CodecName): Promise<void> {
  const topic = `matrix-${name}-${codec}`;
  const group = `${topic}-group`;
  await (client.createTopic ? client.createTopic(topic) : createTopic(cluster, topic));
  await expectTopic(cluster, topic);
  await client.produce(topic, 0, RECORDS);
  expectCompleteInOrder(await client.consume(topic, group, RECORDS), 0, RECORDS);
  expect(await committedTotal(cluster, group, topic)).toBe(RECORDS);
  await client.produce(topic, RECORDS, MORE);
  // A restarted consumer of the group resumes at the commit: exactly the new records, none again.
  expectCompleteInOrder(await client.consume(topic, group, MORE), RECORDS, MORE);
  expect(await committedTotal(cluster, group, topic)).toBe(RECORDS + MORE);
  // Clients send a batch uncompressed when the codec would not make it smaller (kafka-python's
  // DefaultRecordBatchBuilder._maybe_compress): a small batch of a slow run may be stored plain.
  const stored = storedCodecs(cluster, topic);
  expect(stored).toContain(CODEC_IDS[codec]);
  expect(stored.filter((c) => c !== CODEC_IDS[codec] && c !== CODEC_IDS.none)).toEqual([]);
}

async function expectTopic(cluster: Cluster, topic: string): Promise<void> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]!.partitions.map((p) => p.replicas.length)).toEqual(Array(PARTITIONS).fill(3));
  } finally {
    await admin.disconnect();
  }
}

/**
 * The compression types of the record batches the brokers stored for the topic: the batches are
 * kept as the producer compressed them, so this shows the codec reached the broker.
 */
export function storedCodecs(cluster: Cluster, topic: string): number[] {
  const codecs = new Set<number>();
  for (const node of fs.readdirSync(cluster.dataDir).filter((d) => d.startsWith('node-'))) {
    const nodeDir = path.join(cluster.dataDir, node);
    for (const dir of fs.readdirSync(nodeDir).filter((d) => d.startsWith(`${topic}-`))) {
      for (const file of fs.readdirSync(path.join(nodeDir, dir)).filter((f) => f.endsWith('.log'))) {
        const buf = fs.readFileSync(path.join(nodeDir, dir, file));
        for (let pos = 0; pos + ATTRIBUTES + 2 <= buf.length; pos += batchSize(buf, pos)) {
          codecs.add(buf.readInt16BE(pos + ATTRIBUTES) & COMPRESSION_MASK);
        }
      }
    }
  }
  return [...codecs].sort();
}

/** One three-node cluster for a test file, started before its tests and stopped after. */
export function matrixCluster(): { cluster: Cluster } {
  const ctx = {} as { cluster: Cluster };
  beforeAll(async () => {
    ctx.cluster = await startCluster({ nodes: 3 });
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await ctx.cluster?.stop();
  });
  return ctx;
}

/** What the group committed on the topic, summed over partitions, as kafkajs's admin reads it. */
export async function committedTotal(cluster: Cluster, group: string, topic: string): Promise<number> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return offsets!.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic with kafkajs, for clients without an admin API. */
export async function createTopic(cluster: Cluster, topic: string): Promise<void> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 3 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Whether a system package the client needs is here. When it is not, one test says so in one
 * line; under CI=true (where .ci/run installs it) that test fails instead.
 */
export function installed(what: string, present: boolean): boolean {
  if (!present) {
    it(`finds ${what} (required when CI=true)`, () => {
      if (process.env.CI === 'true') expect.fail(`${what} is missing: .ci/run installs it`);
      console.log(`${what} not found: this client of the matrix is skipped`);
    });
  }
  return present;
}

const execFileAsync = promisify(execFile);

/** Runs a client program; its stderr is shown when it fails. */
export async function runProgram(command: string, args: string[], input?: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const child = execFileAsync(command, args, { timeout: 240_000, maxBuffer: 16 << 20, ...options });
  child.child.stdin!.end(input ?? '');
  try {
    return (await child).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}`);
  }
}
