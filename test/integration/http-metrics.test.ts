// The HTTP listener against a real three-node cluster and real clients over TCP: /health answers
// 200 when every node serves and 503 when one is killed; kafkajs traffic moves the per-topic
// counters and the group lag; killing a follower raises under-replicated partitions and counts an
// ISR shrink on the leader; restarting it from the console's API brings it back into the ISR. The
// listener keeps serving through all of it, and bad HTTP gets a 4xx, never a crash.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;
let base: string;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, http: '127.0.0.1:0' });
  base = `http://${cluster.httpAddress}`;
});

afterAll(async () => {
  await cluster?.stop();
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(base + path);
  return { status: res.status, body: await res.text() };
}

/** The value of one sample in Prometheus text, matched by name and a subset of its labels. */
function sample(text: string, name: string, labels: Record<string, string | number>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === String(v))) return Number(m[3]);
  }
  return undefined;
}

async function metricUntil(name: string, labels: Record<string, string | number>, ok: (v: number) => boolean): Promise<number> {
  return retry(async () => {
    const v = sample((await get('/metrics')).body, name, labels);
    if (v === undefined || !ok(v)) throw new Error(`${name} ${JSON.stringify(labels)} is ${v}`);
    return v;
  }, 30_000, 100);
}

describe('/health and /metrics', () => {
  it('reports every node healthy once the cluster serves', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    const health = JSON.parse(res.body);
    expect(health.healthy).toBe(true);
    expect(health.nodes.map((n: { nodeId: number }) => n.nodeId)).toEqual([1, 2, 3]);
    for (const n of health.nodes) expect(n).toMatchObject({ ready: true, controllerKnown: true, unfenced: true, metadataCaughtUp: true });
    const text = (await get('/metrics')).body;
    const active = [1, 2, 3].map((id) => sample(text, 'kafka_controller_kafkacontroller_activecontrollercount', { node_id: id }));
    expect(active.sort()).toEqual([0, 0, 1]);
    for (const id of [1, 2, 3]) expect(sample(text, 'kafka_controller_kafkacontroller_newactivecontrollerscount', { node_id: id })).toBeGreaterThanOrEqual(1);
  });

  it('gives the process\'s CPU, memory and garbage collections, counted as they happen', async () => {
    const before = (await get('/metrics')).body;
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(sample(before, name, {})).toBeGreaterThan(0);
    }
    const minorBefore = sample(before, 'nodejs_gc_duration_seconds_count', { kind: 'minor' });
    expect(minorBefore).toBeGreaterThanOrEqual(0);
    expect(sample(before, 'nodejs_gc_duration_seconds_count', { kind: 'major' })).toBeGreaterThanOrEqual(0);
    // The nodes run in this process: garbage made here is collected by the collector they report.
    const garbage: { i: number }[] = [];
    for (let i = 0; i < 500_000; i++) garbage.push({ i });
    expect(garbage.length).toBe(500_000);
    garbage.length = 0;
    await metricUntil('nodejs_gc_duration_seconds_count', { kind: 'minor' }, (v) => v > minorBefore!);
    expect(sample((await get('/metrics')).body, 'nodejs_gc_duration_seconds_sum', { kind: 'minor' })).toBeGreaterThan(0);
  });

  it('counts kafkajs produce and fetch per topic, and a consumer group\'s lag', async () => {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'metered', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const leader = (await admin.fetchTopicMetadata({ topics: ['metered'] })).topics[0]!.partitions[0]!.leader;
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'metered', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `value-${i}` })) });
    const text = (await get('/metrics')).body;
    expect(sample(text, 'kafka_server_brokertopicmetrics_messagesin_total', { node_id: leader, topic: 'metered' })).toBe(10);
    expect(sample(text, 'kafka_server_brokertopicmetrics_bytesin_total', { node_id: leader, topic: 'metered' })).toBeGreaterThan(10 * 'value-0'.length);
    expect(sample(text, 'kafka_network_requestmetrics_requests_total', { node_id: leader, request: 'Produce' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kafka_controller_kafkacontroller_activecontrollercount', {})).toBeDefined();

    const consumer = kafka.consumer({ groupId: 'metered-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'metered', fromBeginning: true });
    let seen = 0;
    await consumer.run({ autoCommitInterval: 50, eachMessage: async () => void seen++ });
    await retry(async () => expect(seen).toBe(10), 30_000, 100);
    await metricUntil('kafka_server_brokertopicmetrics_bytesout_total', { node_id: leader, topic: 'metered' }, (v) => v > 0);
    await metricUntil('kafka_consumergroup_current_offset', { consumergroup: 'metered-readers', topic: 'metered', partition: 0 }, (v) => v === 10);
    expect(await metricUntil('kafka_consumergroup_lag', { consumergroup: 'metered-readers', topic: 'metered' }, () => true)).toBe(0);
    await consumer.disconnect();
    await producer.send({ topic: 'metered', acks: -1, messages: Array.from({ length: 5 }, () => ({ value: 'more' })) });
    await producer.disconnect();
    await metricUntil('kafka_consumergroup_lag', { consumergroup: 'metered-readers', topic: 'metered' }, (v) => v === 5);
  });

  it('browses records from an offset or a time (the console\'s API)', async () => {
    const page = (q: string): Promise<{ records: { offset: number; key: string; value: string; headers: unknown[] }[] }> =>
      get(`/api/records?topic=metered&${q}`).then((r) => JSON.parse(r.body));
    const fromOffset = await page('offset=3&limit=2');
    expect(fromOffset.records.map((r) => [r.offset, r.key, r.value])).toEqual([[3, 'k3', 'value-3'], [4, 'k4', 'value-4']]);
    expect((await page('timestamp=0&limit=1')).records.map((r) => r.offset)).toEqual([0]);
    expect((await page(`timestamp=${Date.now() + 3_600_000}`)).records).toEqual([]);
    // A large value is shown cut, not shipped whole to the browser.
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    const [sent] = await producer.send({ topic: 'metered', acks: -1, messages: [{ key: 'big', value: 'x'.repeat(100_000) }] });
    await producer.disconnect();
    const big = (await page(`offset=${sent!.baseOffset}&limit=1`)).records[0]!;
    expect(big.key).toBe('big');
    expect(big.value).toBe(`${'x'.repeat(16 * 1024)}\u2026`);
  });

  it('raises under-replicated partitions when a follower dies, and serves on through its restart', async () => {
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
    const metered = cluster.nodes.find((n) => n.view.replicas?.lookup('metered', 0) !== undefined && n.view.image().topicsByName.get('metered'))!.view.image().topicsByName.get('metered')!.partitions[0]!;
    const leader = metered.leader;
    const follower = metered.replicas.find((id) => id !== leader && id !== controller)!;
    expect(await metricUntil('kafka_server_replicamanager_underreplicatedpartitions', { node_id: leader }, () => true)).toBe(0);
    const shrinksBefore = await metricUntil('kafka_server_replicamanager_isrshrinks_total', { node_id: leader }, () => true);

    const kill = await fetch(`${base}/api/nodes/${follower}/kill`, { method: 'POST' });
    expect(kill.status).toBe(200);
    await metricUntil('kafka_server_replicamanager_underreplicatedpartitions', { node_id: leader }, (v) => v >= 1);
    await metricUntil('kafka_server_replicamanager_isrshrinks_total', { node_id: leader }, (v) => v > shrinksBefore);
    const down = await get('/health');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body).nodes.find((n: { nodeId: number }) => n.nodeId === follower)).toMatchObject({ healthy: false, ready: false });
    expect((await get(`/health?node=${leader}`)).status).toBe(200);

    const restart = await fetch(`${base}/api/nodes/${follower}/restart`, { method: 'POST' });
    expect(restart.status).toBe(200);
    await retry(async () => expect((await get('/health')).status).toBe(200), 30_000, 100);
    await metricUntil('kafka_server_replicamanager_underreplicatedpartitions', { node_id: leader }, (v) => v === 0);
    await metricUntil('kafka_server_replicamanager_isrexpands_total', { node_id: leader }, (v) => v >= 1);
  });

  it('isolates a node from the others from the console, which fences it, and heals it back', async () => {
    const controls = JSON.parse((await get('/api/cluster')).body).controls;
    expect(controls).toEqual(['kill', 'restart', 'isolate', 'heal']);
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
    const victim = cluster.nodes.find((n) => n.nodeId !== controller)!.nodeId;
    expect((await fetch(`${base}/api/nodes/${victim}/isolate`, { method: 'POST' })).status).toBe(200);
    // Cut off, it cannot heartbeat: the controller fences it, and its health says so.
    await retry(async () => expect((await get(`/health?node=${victim}`)).status).toBe(503), 30_000, 100);
    expect((await get(`/health?node=${controller}`)).status).toBe(200);
    expect((await fetch(`${base}/api/nodes/${victim}/heal`, { method: 'POST' })).status).toBe(200);
    await retry(async () => expect((await get('/health')).status).toBe(200), 30_000, 100);
  });
});

describe('bad HTTP requests', () => {
  it('get a 4xx and leave the listener serving', async () => {
    expect((await get('/no/such/path')).status).toBe(404);
    expect((await get('/health?node=99')).status).toBe(404);
    expect((await get('/health?node=x')).status).toBe(404);
    expect((await get('/api/records?topic=metered&partition=-1')).status).toBe(400);
    expect((await get('/api/records?topic=metered&limit=lots')).status).toBe(400);
    expect((await get('/api/records')).status).toBe(400);
    expect((await get('/api/records?topic=nope')).status).toBe(404);
    expect((await get('/api/topics?name=nope')).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${base}/api/nodes/1/kill`)).status).toBe(405);
    expect((await fetch(`${base}/api/nodes/1/explode`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/api/nodes/42/kill`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/health`, { method: 'POST', body: 'x'.repeat(100_000) })).status).toBe(413);
    expect(await rawHttp('NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await rawHttp(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect((await get('/health')).status).toBe(200);
  });
});

/** Sends raw bytes and returns what comes back until the server closes the connection. */
function rawHttp(request: string): Promise<string> {
  const [host, port] = cluster.httpAddress!.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host!, () => socket.end(request));
    let data = '';
    socket.on('data', (d) => (data += d.toString()));
    socket.on('error', (err) => (data ? resolve(data) : reject(err)));
    socket.on('close', () => resolve(data));
  });
}
