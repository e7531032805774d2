// The Kafka-style tools end to end against a real broker: each command through the CLI's own
// dispatch (in-process, output captured), console-producer as a child process fed on stdin, and
// bad input (an unknown flag gets a suggestion and exit 2; a topic that exists exits 1 with a line).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

/** Where the reset plans of --from-file are written; removed after the file's tests. */
const planDir = tempDirs('kraftling-plan-');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ctx = clusterWithAdmin({ overrides: { 'num.partitions': '1' } });
const bs = (): string[] => ['--bootstrap-server', ctx.cluster.bootstrapServers];

function producer(args: string[], input: string): Promise<{ code: number | string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/kraftling.ts'), 'console-producer', ...args], {
    cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code: code ?? signal ?? -1, stderr })));
}

describe('topics', () => {
  it('creates, lists, describes, grows and deletes a topic; a second create is a clear error', async () => {
    expect(await cli(['topics', ...bs(), '--create', '--topic', 'tools-a', '--partitions', '2', '--config', 'retention.ms=60000']))
      .toMatchObject({ code: 0, stdout: 'Created topic tools-a.\n' });
    const again = await cli(['topics', ...bs(), '--create', '--topic', 'tools-a']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^kraftling topics: topic tools-a: TOPIC_ALREADY_EXISTS/);
    expect((await cli(['topics', ...bs(), '--create', '--topic', 'tools-a', '--if-not-exists'])).code).toBe(0);
    expect((await cli(['topics', ...bs(), '--list'])).stdout.split('\n')).toContain('tools-a');
    const described = await cli(['topics', ...bs(), '--describe', '--topic', 'tools-a']);
    expect(described.stdout).toMatch(/^Topic: tools-a\tTopicId: \S+\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: retention.ms=60000\n\tTopic: tools-a\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n/);
    // Only the topic lines of topics with configs of their own.
    expect((await cli(['topics', ...bs(), '--create', '--topic', 'tools-plain'])).code).toBe(0);
    const overridden = (await cli(['topics', ...bs(), '--describe', '--topics-with-overrides'])).stdout.split('\n').filter((l) => l !== '');
    expect(overridden.some((l) => l.startsWith('Topic: tools-a\t') && l.endsWith('\tConfigs: retention.ms=60000'))).toBe(true);
    expect(overridden.some((l) => l.startsWith('Topic: tools-plain\t') || l.startsWith('\t'))).toBe(false);
    expect(await cli(['topics', ...bs(), '--alter', '--topic', 'tools-a', '--partitions', '3'])).toMatchObject({ code: 0 });
    const meta = await ctx.admin.fetchTopicMetadata({ topics: ['tools-a'] });
    expect(meta.topics[0]!.partitions).toHaveLength(3);
    const configs = await ctx.admin.describeConfigs({ resources: [{ type: 2, name: 'tools-a', configNames: ['retention.ms'] }], includeSynonyms: false });
    expect(configs.resources[0]!.configEntries[0]!.configValue).toBe('60000');
    expect(await cli(['topics', ...bs(), '--delete', '--topic', 'tools-a'])).toMatchObject({ code: 0, stdout: 'Deleted topic tools-a.\n' });
    const gone = await cli(['topics', ...bs(), '--delete', '--topic', 'tools-a']);
    expect([gone.code, gone.stderr]).toEqual([1, "kraftling topics: Topic 'tools-a' does not exist as expected\n"]);
    expect(await cli(['topics', ...bs(), '--delete', '--topic', 'tools-a', '--if-exists'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('takes --topic as a regular expression (not for --create), and --replica-assignment', async () => {
    for (const t of ['tools-r1', 'tools-r2', 'tools-rx']) expect((await cli(['topics', ...bs(), '--create', '--topic', t])).code).toBe(0);
    expect((await cli(['topics', ...bs(), '--list', '--topic', 'tools-r[12]'])).stdout).toBe('tools-r1\ntools-r2\n');
    expect((await cli(['topics', ...bs(), '--list', '--topic', 'tools-r1, tools-rx'])).stdout).toBe('tools-r1\ntools-rx\n');
    expect((await cli(['topics', ...bs(), '--list', '--topic', 'tools-r'])).stdout).toBe('');
    const described = (await cli(['topics', ...bs(), '--describe', '--topic', 'tools-r.'])).stdout;
    expect(described.split('\n').filter((l) => l.startsWith('Topic: ')).map((l) => l.split('\t')[0])).toEqual(['Topic: tools-r1', 'Topic: tools-r2', 'Topic: tools-rx']);
    expect((await cli(['topics', ...bs(), '--alter', '--topic', 'tools-r[12]', '--partitions', '2'])).stdout).toBe('Topic tools-r1 now has 2 partitions.\nTopic tools-r2 now has 2 partitions.\n');
    expect((await cli(['topics', ...bs(), '--delete', '--topic', 'tools-r.*'])).stdout).toBe('Deleted topic tools-r1.\nDeleted topic tools-r2.\nDeleted topic tools-rx.\n');
    expect(await cli(['topics', ...bs(), '--list', '--topic', '('])).toMatchObject({ code: 2, stderr: 'kraftling topics: ( is an invalid regex.\n' });
    // Replicas named per partition; --alter takes the new partitions' from the list.
    expect((await cli(['topics', ...bs(), '--create', '--topic', 'tools-ra', '--replica-assignment', '1,1'])).code).toBe(0);
    expect((await cli(['topics', ...bs(), '--alter', '--topic', 'tools-ra', '--partitions', '3', '--replica-assignment', '1,1,1'])).code).toBe(0);
    const meta = await ctx.admin.fetchTopicMetadata({ topics: ['tools-ra'] });
    expect(meta.topics[0]!.partitions.map((p) => p.replicas)).toEqual([[1], [1], [1]]);
    expect(await cli(['topics', ...bs(), '--create', '--topic', 'tools-rb', '--replica-assignment', '1:1'])).toMatchObject({
      code: 2, stderr: 'kraftling topics: Partition replica lists may not contain duplicate entries: 1\n',
    });
    expect((await cli(['topics', ...bs(), '--create', '--topic', 'tools-rb', '--replica-assignment', '1', '--partitions', '2'])).code).toBe(2);
    expect((await cli(['topics', ...bs(), '--create', '--topic', 'tools-rb', '--replica-assignment', '2'])).stderr).toMatch(/^kraftling topics: topic tools-rb: /);
  });

  it('bad input: an unknown flag gets the nearest one and exit 2; a missing action or bootstrap exits 2', async () => {
    const typo = await cli(['topics', ...bs(), '--craete', '--topic', 'x']);
    expect(typo).toMatchObject({ code: 2, stderr: 'kraftling topics: unknown option --craete (did you mean --create?); --help lists the options\n' });
    expect((await cli(['topics', ...bs(), '--topic', 'x'])).code).toBe(2);
    expect(await cli(['topics', '--list'])).toMatchObject({ code: 2, stderr: 'kraftling topics: --bootstrap-server host:port is required\n' });
    expect((await cli(['topics', '--help'])).stdout).toMatch(/examples:\n  kraftling topics --bootstrap-server/);
  });
});

describe('console-producer and console-consumer', () => {
  it('writes keys, headers and compressed batches from stdin, and prints them back with every formatter', async () => {
    await cli(['topics', ...bs(), '--create', '--topic', 'tools-pc', '--partitions', '1']);
    const lines = 'h1:x,h2:y\tk1\tv1\nh3:z\tk2\tv2\n';
    expect(await producer([...bs(), '--topic', 'tools-pc', '--property', 'parse.headers=true', '--property', 'parse.key=true', '--compression-codec', 'gzip'], lines))
      .toMatchObject({ code: 0 });
    const out = await cli(['console-consumer', ...bs(), '--topic', 'tools-pc', '--from-beginning', '--max-messages', '2',
      '--property', 'print.key=true', '--property', 'print.headers=true', '--property', 'print.partition=true',
      '--property', 'print.offset=true', '--property', 'print.timestamp=true']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^CreateTime:\d+\tPartition:0\tOffset:0\th1:x,h2:y\tk1\tv1\nCreateTime:\d+\tPartition:0\tOffset:1\th3:z\tk2\tv2\n$/);
    expect(out.stderr).toBe('Processed a total of 2 messages\n');
    // What kafkajs reads is what was written: the tools speak plain Kafka.
    const consumer = kafkaClient(ctx.cluster).consumer({ groupId: 'tools-check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'tools-pc', fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => void consumer.run({ eachMessage: async ({ message }) => {
      seen.push(`${message.key}=${message.value}:${message.headers?.h1 ?? message.headers?.h3}`);
      if (seen.length === 2) resolve();
    } }));
    await consumer.disconnect();
    expect(seen).toEqual(['k1=v1:x', 'k2=v2:z']);
  });

  it('a bad codec is a usage error naming the choices', async () => {
    const r = await producer([...bs(), '--topic', 'tools-pc', '--compression-codec', 'brotli'], '');
    expect(r).toMatchObject({ code: 2, stderr: 'kraftling console-producer: --compression-codec takes one of none, gzip, snappy, lz4, zstd, got "brotli"\n' });
  });
});

describe('consumer-groups', () => {
  it('lists a group, describes its lag, resets its offsets (dry run, then --execute) and deletes it', async () => {
    await cli(['topics', ...bs(), '--create', '--topic', 'tools-g', '--partitions', '1']);
    const p = kafkaClient(ctx.cluster).producer();
    await p.connect();
    await p.send({ topic: 'tools-g', messages: Array.from({ length: 5 }, (_, i) => ({ value: `m${i}` })) });
    await p.disconnect();
    const consumed = await cli(['console-consumer', ...bs(), '--topic', 'tools-g', '--group', 'tools-grp', '--from-beginning', '--max-messages', '3']);
    expect(consumed.stdout).toBe('m0\nm1\nm2\n');
    expect((await cli(['consumer-groups', ...bs(), '--list'])).stdout.split('\n')).toContain('tools-grp');
    const described = await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp']);
    expect(described.stdout).toMatch(/tools-grp\s+tools-g\s+0\s+3\s+5\s+2\s/);
    const dry = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', '--to-offset', '1']);
    expect(dry.stdout).toMatch(/dry run[\s\S]*tools-grp\s+tools-g\s+0\s+1\n/);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).toMatch(/tools-g\s+0\s+3\s+5\s+2\s/);
    await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', '--to-earliest', '--execute']);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).toMatch(/tools-g\s+0\s+0\s+5\s+5\s/);
    // The consumer resumes from the committed offset.
    const resumed = await cli(['console-consumer', ...bs(), '--topic', 'tools-g', '--group', 'tools-grp', '--max-messages', '1']);
    expect(resumed.stdout).toBe('m0\n');
    // Kafka's other reset scenarios: from the committed offset (now 1), by time and by duration.
    const reset = async (...how: string[]): Promise<string> => {
      const r = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', ...how]);
      expect(r.code).toBe(0);
      return /tools-grp\s+tools-g\s+0\s+(\d+)\n$/.exec(r.stdout)![1]!;
    };
    expect(await reset('--shift-by', '2', '--execute')).toBe('3');
    expect(await reset('--shift-by', '-10')).toBe('0');
    expect(await reset('--shift-by', '10')).toBe('5');
    expect(await reset('--to-current')).toBe('3');
    expect(await reset('--to-datetime', '2000-01-01T00:00:00.000')).toBe('0');
    expect(await reset('--to-datetime', '2999-01-01T00:00:00.000+01:00')).toBe('5');
    expect(await reset('--by-duration', 'PT1H')).toBe('0');
    expect((await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', '--by-duration', '1h'])).code).toBe(2);
    expect((await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', '--to-datetime', '2000-01-01'])).code).toBe(2);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).toMatch(/tools-g\s+0\s+3\s+5\s+2\s/);
    // No members: --members says so on stderr; --state names the coordinator and the state.
    const noMembers = await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp', '--members']);
    expect([noMembers.code, noMembers.stdout, noMembers.stderr]).toEqual([0, '', "\nConsumer group 'tools-grp' has no active members.\n"]);
    const state = await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp', '--state']);
    expect(state.stdout).toMatch(/^GROUP\s+COORDINATOR \(ID\)\s+ASSIGNMENT-STRATEGY\s+STATE\s+#MEMBERS\ntools-grp\s+127\.0\.0\.1:\d+  \(1\)\s+Empty\s+0\n$/m);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp', '--state', '--members'])).code).toBe(2);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'nobody', '--state'])).stderr).toBe("kraftling consumer-groups: Consumer group 'nobody' does not exist.\n");
    // Groups made __consumer_offsets: --exclude-internal leaves it out.
    expect((await cli(['topics', ...bs(), '--list'])).stdout.split('\n')).toContain('__consumer_offsets');
    expect((await cli(['topics', ...bs(), '--list', '--exclude-internal'])).stdout.split('\n')).not.toContain('__consumer_offsets');
    expect((await cli(['topics', ...bs(), '--describe', '--exclude-internal'])).stdout).not.toContain('__consumer_offsets');
    // --list with Kafka's optional-valued --state and --type; --all-groups.
    expect((await cli(['consumer-groups', ...bs(), '--list', '--state'])).stdout).toMatch(/^GROUP\s+STATE\n(.*\n)*tools-grp\s+Empty\n/);
    expect((await cli(['consumer-groups', ...bs(), '--list', '--state', 'stable'])).stdout).not.toContain('tools-grp');
    expect((await cli(['consumer-groups', ...bs(), '--list', '--type', '--state', 'Empty,Stable'])).stdout).toMatch(/^GROUP\s+TYPE\s+STATE\n(.*\n)*tools-grp\s+Classic\s+Empty\n/);
    expect((await cli(['consumer-groups', ...bs(), '--list', '--type', 'consumer'])).stdout).not.toContain('tools-grp');
    const bogus = await cli(['consumer-groups', ...bs(), '--list', '--state', 'bogus']);
    expect([bogus.code, bogus.stderr]).toEqual([2, "kraftling consumer-groups: Invalid state list 'bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling\n"]);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--all-groups'])).stdout).toMatch(/tools-grp\s+tools-g\s+0\s+3\s+5\s+2\s/);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--all-groups', '--group', 'tools-grp'])).code).toBe(2);
    // --export prints the plan as Kafka's CSV; --from-file commits such a plan.
    const exported = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--topic', 'tools-g', '--to-offset', '2', '--export']);
    expect(exported.stdout).toBe('tools-g,0,2\n\n');
    const planFile = path.join(planDir(), 'plan.csv');
    fs.writeFileSync(planFile, exported.stdout);
    const fromFile = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--from-file', planFile, '--execute']);
    expect(fromFile.stdout).toMatch(/^GROUP\s+TOPIC\s+PARTITION\s+NEW-OFFSET\ntools-grp\s+tools-g\s+0\s+2\n$/);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).toMatch(/tools-g\s+0\s+2\s+5\s+3\s/);
    fs.writeFileSync(planFile, 'tools-grp,tools-g,0,3\n');
    expect((await cli(['consumer-groups', ...bs(), '--reset-offsets', '--all-groups', '--from-file', planFile, '--execute', '--export'])).stdout).toBe('tools-grp,tools-g,0,3\n\n');
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).toMatch(/tools-g\s+0\s+3\s+5\s+2\s/);
    fs.writeFileSync(planFile, 'tools-g,zero,3\n');
    const badPlan = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-grp', '--from-file', planFile]);
    expect([badPlan.code, badPlan.stderr]).toEqual([2, `kraftling consumer-groups: --from-file ${planFile} line 1: bad partition or offset in "tools-g,zero,3"\n`]);
    // A topic's partitions named after a colon; --delete-offsets with Kafka's lines.
    expect(await reset('--to-offset', '4', '--execute', '--topic', 'tools-g:0')).toBe('4');
    const deleted = await cli(['consumer-groups', ...bs(), '--delete-offsets', '--group', 'tools-grp', '--topic', 'tools-g']);
    expect([deleted.code, deleted.stdout]).toEqual([0, 'Request succeed for deleting offsets with topic tools-g group tools-grp\n\nTOPIC   PARTITION STATUS\ntools-g 0         Successful\n']);
    expect((await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-grp'])).stdout).not.toMatch(/tools-g\s+0\s+\d/);
    const unknown = await cli(['consumer-groups', ...bs(), '--delete-offsets', '--group', 'tools-grp', '--topic', 'no-such-topic']);
    expect([unknown.code, unknown.stdout]).toEqual([1, '\nError: Encounter some partition level error, see the follow-up details:\n\nTOPIC         PARTITION    STATUS\nno-such-topic Not Provided Error: :UNKNOWN_TOPIC_OR_PARTITION\n']);
    expect((await cli(['consumer-groups', ...bs(), '--delete', '--group', 'tools-grp'])).code).toBe(0);
    expect((await cli(['consumer-groups', ...bs(), '--list'])).stdout.split('\n')).not.toContain('tools-grp');
  });
});

describe('consumer-groups --describe of a live classic group', () => {
  it('lists its member with its partitions, and refuses to reset its offsets', async () => {
    await cli(['topics', ...bs(), '--create', '--topic', 'tools-live', '--partitions', '2']);
    const consumer = kafkaClient(ctx.cluster, 'live-client').consumer({ groupId: 'tools-live-grp' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'tools-live', fromBeginning: true });
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, () => { assigned = true; });
    await consumer.run({ eachMessage: async () => {} });
    try {
      await retry(async () => expect(assigned).toBe(true));
      const members = await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-live-grp', '--members', '--verbose']);
      expect(members.stdout).toMatch(/^GROUP\s+CONSUMER-ID\s+HOST\s+CLIENT-ID\s+#PARTITIONS\s+ASSIGNMENT\ntools-live-grp\s+live-client-\S+\s+\S+\s+live-client\s+2\s+tools-live\(0,1\)\n$/m);
      const state = await cli(['consumer-groups', ...bs(), '--describe', '--group', 'tools-live-grp', '--state']);
      expect(state.stdout).toMatch(/tools-live-grp\s+\S+  \(1\)\s+(RoundRobinAssigner|RangeAssigner|roundrobin)\s+Stable\s+1\n$/);
      const refused = await cli(['consumer-groups', ...bs(), '--reset-offsets', '--group', 'tools-live-grp', '--topic', 'tools-live', '--to-latest', '--execute']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("Assignments can only be reset if the group 'tools-live-grp' is inactive, but the current state is Stable.");
      // The coordinator keeps the offsets of a topic the live group subscribes to.
      const kept = await cli(['consumer-groups', ...bs(), '--delete-offsets', '--group', 'tools-live-grp', '--topic', 'tools-live:1']);
      expect([kept.code, kept.stdout]).toEqual([1, '\nError: Encounter some partition level error, see the follow-up details:\n\nTOPIC      PARTITION STATUS\ntools-live 1         Error: :GROUP_SUBSCRIBED_TO_TOPIC\n']);
    } finally {
      await consumer.disconnect();
    }
  });
});

describe('broker-api-versions, features, storage info', () => {
  it('asks the live broker', async () => {
    const versions = await cli(['broker-api-versions', ...bs()]);
    expect(versions.stdout).toMatch(/^127\.0\.0\.1:\d+ \(id: 1 rack: null\) -> \(\n\tProduce\(0\): 0 to \d+,\n\tFetch\(1\): 0 to \d+,/);
    const features = await cli(['features', ...bs(), 'describe']);
    expect(features.stdout).toMatch(/^Feature: metadata\.version\tSupportedMinVersion: 3\.3-IV3\tSupportedMaxVersion: 3\.7-IV4\tFinalizedVersionLevel: 3\.7-IV4\tEpoch: \d+$/m);
  });

  it('prints the log directories as kafka-log-dirs does', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'sized', numPartitions: 2 }] });
    const out = await cli(['log-dirs', ...bs(), '--describe', '--topic-list', 'sized']);
    expect(out.code).toBe(0);
    const [querying, received, json] = out.stdout.trimEnd().split('\n');
    expect([querying, received]).toEqual(['Querying brokers for log directories information', 'Received log directory information from brokers 1']);
    const described = JSON.parse(json!) as { version: number; brokers: { broker: number; logDirs: { logDir: string; error: null; partitions: { partition: string; size: number }[] }[] }[] };
    expect(described.version).toBe(1);
    const dir = described.brokers[0]!.logDirs[0]!;
    expect({ error: dir.error, underDataDir: dir.logDir.startsWith(ctx.cluster.dataDir) }).toEqual({ error: null, underDataDir: true });
    expect(dir.partitions.map((p) => p.partition).sort()).toEqual(['sized-0', 'sized-1']);
    expect((await cli(['log-dirs', ...bs()])).code).not.toBe(0);
  });

  it('reads meta.properties of a data directory', async () => {
    const dir = path.join(ctx.cluster.dataDir, 'node-1');
    const info = await cli(['storage', 'info', '-d', dir]);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`cluster.id=${ctx.cluster.clusterId}`);
    const missing = await cli(['storage', 'info', '-d', path.join(ctx.cluster.dataDir, 'nothing')]);
    expect(missing).toMatchObject({ code: 1 });
    expect(fs.existsSync(dir)).toBe(true);
  });
});

describe('get-offsets and delete-records', () => {
  it('prints offsets by time as kafka-get-offsets does, and delete-records moves the earliest one', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'tools-off', numPartitions: 2 }] });
    const producer = kafkaClient(ctx.cluster).producer();
    await producer.connect();
    const t0 = Date.now() - 60_000;
    await producer.send({ topic: 'tools-off', messages: [0, 1, 2].map((i) => ({ partition: 0, value: `v${i}`, timestamp: String(t0 + i * 1000) })) });
    await producer.send({ topic: 'tools-off', messages: [{ partition: 1, value: 'w', timestamp: String(t0) }] });
    await producer.disconnect();
    const offsets = (...extra: string[]) => cli(['get-offsets', ...bs(), '--topic', 'tools-o.f', ...extra]);
    expect(await offsets()).toEqual({ code: 0, stdout: 'tools-off:0:3\ntools-off:1:1\n', stderr: '' });
    expect((await offsets('--time', '-2')).stdout).toBe('tools-off:0:0\ntools-off:1:0\n');
    expect((await offsets('--time', 'max-timestamp', '--partitions', '0')).stdout).toBe('tools-off:0:2\n');
    // The first offset at or after the time; none after the newest record: the partition is left out.
    expect((await offsets('--time', String(t0 + 1000))).stdout).toBe('tools-off:0:1\n');
    expect(await cli(['get-offsets', ...bs(), '--topic', 'nothing-.*'])).toMatchObject({ code: 1, stderr: expect.stringContaining('Could not match any topic-partitions') });
    expect((await offsets('--time', 'yesterday')).code).toBe(2);

    const file = path.join(ctx.cluster.dataDir, 'delete-offsets.json');
    fs.writeFileSync(file, JSON.stringify({ partitions: [{ topic: 'tools-off', partition: 0, offset: 2 }, { topic: 'tools-off', partition: 1, offset: 5 }], version: 1 }));
    const deleted = await cli(['delete-records', ...bs(), '--offset-json-file', file]);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout.split('\n').slice(0, 2)).toEqual(['Executing records delete operation', 'Records delete operation completed:']);
    expect(deleted.stdout).toContain('partition: tools-off-0\tlow_watermark: 2\n');
    expect(deleted.stdout).toContain('partition: tools-off-1\terror: OFFSET_OUT_OF_RANGE\n');
    expect((await offsets('--time', 'earliest')).stdout).toBe('tools-off:0:2\ntools-off:1:0\n');
    fs.writeFileSync(file, JSON.stringify({ partitions: [{ topic: 'tools-off', partition: 0, offset: 1 }, { topic: 'tools-off', partition: 0, offset: 2 }] }));
    expect(await cli(['delete-records', ...bs(), '--offset-json-file', file]))
      .toMatchObject({ code: 2, stderr: 'kraftling delete-records: Offset json file contains duplicate topic partitions: tools-off-0\n' });
  });

  it('lists partitions in number order (10 after 9, not after 1) in get-offsets, --describe and --delete-offsets', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'tools-wide', numPartitions: 12 }] });
    const numbers = Array.from({ length: 12 }, (_, i) => i);
    expect((await cli(['get-offsets', ...bs(), '--topic', 'tools-wide'])).stdout).toBe(numbers.map((i) => `tools-wide:${i}:0\n`).join(''));
    const group = ['--group', 'tools-wide-grp'];
    expect((await cli(['consumer-groups', ...bs(), '--reset-offsets', ...group, '--topic', 'tools-wide', '--to-offset', '0', '--execute'])).code).toBe(0);
    const partitionColumn = (out: string, column: number): number[] =>
      out.split('\n').filter((l) => /^(tools-wide-grp\s+)?tools-wide\s+\d/.test(l)).map((l) => Number(l.split(/\s+/)[column]));
    expect(partitionColumn((await cli(['consumer-groups', ...bs(), '--describe', ...group])).stdout, 2)).toEqual(numbers);
    const deleted = await cli(['consumer-groups', ...bs(), '--delete-offsets', ...group, '--topic', 'tools-wide']);
    expect(partitionColumn(deleted.stdout, 1)).toEqual(numbers);
  });
});

describe('configs', () => {
  it('alters and describes a topic config; a misspelt key gets the nearest name and exit 1', async () => {
    await cli(['topics', ...bs(), '--create', '--topic', 'tools-c']);
    const entity = ['--entity-type', 'topics', '--entity-name', 'tools-c'];
    expect(await cli(['configs', ...bs(), ...entity, '--alter', '--add-config', 'retention.ms=120000,cleanup.policy=[delete]']))
      .toMatchObject({ code: 0, stdout: 'Completed updating config for topic tools-c.\n' });
    const described = await cli(['configs', ...bs(), ...entity, '--describe']);
    expect(described.stdout).toBe('Dynamic configs for topic tools-c are:\n  cleanup.policy=delete source=DYNAMIC_TOPIC_CONFIG\n  retention.ms=120000 source=DYNAMIC_TOPIC_CONFIG\n');
    await cli(['configs', ...bs(), ...entity, '--alter', '--delete-config', 'retention.ms']);
    expect((await cli(['configs', ...bs(), ...entity, '--describe'])).stdout).not.toContain('retention.ms');
    const typo = await cli(['configs', ...bs(), ...entity, '--alter', '--add-config', 'retention.mss=5']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/did you mean retention\.ms\?/);
    expect(await cli(['configs', ...bs(), '--entity-type', 'topic', '--entity-name', 'x', '--describe']))
      .toMatchObject({ code: 2, stderr: 'kraftling configs: --entity-type takes topics, brokers, groups, broker-loggers, users, clients or ips, got "topic"\n' });
    const broker = await cli(['configs', ...bs(), '--entity-type', 'brokers', '--entity-name', '1', '--describe', '--all']);
    expect(broker.stdout).toMatch(/^All configs for broker 1 are:\n[\s\S]*  num\.partitions=1 source=/);
    // --entity-default: the cluster-wide dynamic defaults, which every broker then reports.
    const defaults = ['configs', ...bs(), '--entity-type', 'brokers', '--entity-default'];
    expect(await cli([...defaults, '--alter', '--add-config', 'log.retention.ms=123456']))
      .toMatchObject({ code: 0, stdout: 'Completed updating default config for brokers in the cluster.\n' });
    expect((await cli([...defaults, '--describe'])).stdout)
      .toBe('Default configs for brokers in the cluster are:\n  log.retention.ms=123456 source=DYNAMIC_DEFAULT_BROKER_CONFIG\n');
    expect((await cli(['configs', ...bs(), '--entity-type', 'brokers', '--entity-name', '1', '--describe', '--all'])).stdout)
      .toContain('  log.retention.ms=123456 source=DYNAMIC_DEFAULT_BROKER_CONFIG\n');
    expect((await cli([...defaults, '--alter', '--delete-config', 'log.retention.ms'])).code).toBe(0);
    expect((await cli([...defaults, '--describe'])).stdout).toBe('Default configs for brokers in the cluster are:\n');
  });

  it('alters, describes and deletes client quotas (--entity-type users|clients|ips)', async () => {
    const app = ['--entity-type', 'clients', '--entity-name', 'app'];
    expect(await cli(['configs', ...bs(), ...app, '--alter', '--add-config', 'producer_byte_rate=1024,consumer_byte_rate=2048']))
      .toMatchObject({ code: 0, stdout: 'Completed updating config for client-id app.\n' });
    await cli(['configs', ...bs(), '--entity-type', 'users', '--entity-default', '--alter', '--add-config', 'request_percentage=12.5']);
    expect((await cli(['configs', ...bs(), ...app, '--describe'])).stdout)
      .toBe("Quota configs for client-id 'app' are producer_byte_rate=1024.0, consumer_byte_rate=2048.0\n");
    expect((await cli(['configs', ...bs(), '--entity-type', 'users', '--describe'])).stdout)
      .toBe('Quota configs for the default user are request_percentage=12.5\n');
    await cli(['configs', ...bs(), ...app, '--alter', '--delete-config', 'producer_byte_rate']);
    expect((await cli(['configs', ...bs(), ...app, '--describe'])).stdout).toBe("Quota configs for client-id 'app' are consumer_byte_rate=2048.0\n");
    const bad = await cli(['configs', ...bs(), '--entity-type', 'ips', '--entity-name', '10.0.0.1', '--alter', '--add-config', 'producer_byte_rate=1']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('INVALID_REQUEST (Invalid configuration key producer_byte_rate)');
  });
});
