// Request-time and controller-mutation quotas over TCP (the project's raw client, for exact request
// versions): controller_mutation_rate refuses topics with THROTTLING_QUOTA_EXCEEDED on the versions
// of KIP-599 and throttles older ones; request_percentage throttles a client whose requests hold
// the broker longer than its share. Rates are set so low that the throttle lasts minutes: every
// check holds however slowly the machine runs. Each request goes on a fresh connection, since a
// throttled connection stays muted for the throttle time. Then the connection limits: creation
// rates (broker-wide, per listener, per address) and open connections per address.
import fs from 'node:fs';
import tls from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlterClientQuotasApi, type AlterClientQuotasRequest } from '../../protocol/generated/api/49-alter-client-quotas.js';
import { ApiVersionsApi, defaultApiVersionsRequest } from '../../protocol/generated/api/18-api-versions.js';
import { CreatePartitionsApi } from '../../protocol/generated/api/37-create-partitions.js';
import { CreateTopicsApi, type CreatableTopic } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteTopicsApi } from '../../protocol/generated/api/20-delete-topics.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { listenerAddress, tlsFixture } from '../helpers/security.js';

let cluster: Cluster;
const clients: RawClient[] = [];

async function connect(clientId: string): Promise<RawClient> {
  const raw = await RawClient.connect(cluster.bootstrapServers);
  raw.clientId = clientId;
  clients.push(raw);
  return raw;
}

async function setQuota(clientId: string, key: string, value: number): Promise<void> {
  const entries: AlterClientQuotasRequest['entries'] = [{
    entity: [{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: clientId }], ops: [{ key, value, remove: false }],
  }];
  const res = await (await connect('quota-admin')).request(AlterClientQuotasApi, 1, { entries, validateOnly: false });
  expect(res.entries[0]!.errorCode).toBe(ErrorCode.NONE);
}

function topic(name: string, numPartitions: number): CreatableTopic {
  return { name, numPartitions, replicationFactor: 1, assignments: [], configs: [] };
}

async function createTopics(clientId: string, version: number, topics: CreatableTopic[]) {
  return (await connect(clientId)).request(CreateTopicsApi, version, { topics, timeoutMs: 10_000, validateOnly: false });
}

beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

it('controller_mutation_rate: refuses topics once the bucket is overdrawn (v6+), throttles older versions', async () => {
  // 0.01 partitions/s: the bucket holds 0.11; one partition overdraws it for ~89 s.
  await setQuota('mutator', 'controller_mutation_rate', 0.01);
  const first = await createTopics('mutator', 6, [topic('mut-a', 1), topic('mut-b', 1)]);
  const byName = new Map(first.topics.map((t) => [t.name, t]));
  expect(byName.get('mut-a')!.errorCode).toBe(ErrorCode.NONE);
  expect(byName.get('mut-b')!.errorCode).toBe(ErrorCode.THROTTLING_QUOTA_EXCEEDED);
  expect(byName.get('mut-b')!.errorMessage).toBe('The throttling quota has been exceeded.');
  expect(first.throttleTimeMs).toBeGreaterThan(60_000);

  const partitions = await (await connect('mutator')).request(CreatePartitionsApi, 3, {
    topics: [{ name: 'mut-a', count: 2, assignments: null }], timeoutMs: 10_000, validateOnly: false,
  });
  expect(partitions.results[0]!.errorCode).toBe(ErrorCode.THROTTLING_QUOTA_EXCEEDED);
  const deleted = await (await connect('mutator')).request(DeleteTopicsApi, 5, { topicNames: ['mut-a'], topics: [], timeoutMs: 10_000 });
  expect(deleted.responses[0]!.errorCode).toBe(ErrorCode.THROTTLING_QUOTA_EXCEEDED);
  expect(deleted.throttleTimeMs).toBeGreaterThan(60_000);

  // Before KIP-599 there is no error to give: the topics are created and the client told to wait.
  const old = await createTopics('mutator', 5, [topic('mut-c', 1)]);
  expect(old.topics[0]!.errorCode).toBe(ErrorCode.NONE);
  expect(old.throttleTimeMs).toBeGreaterThan(60_000);
  // Another client id has no quota.
  const free = await createTopics('other-admin', 6, [topic('mut-d', 1), topic('mut-e', 1)]);
  expect(free.topics.map((t) => t.errorCode)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
  expect(free.throttleTimeMs).toBe(0);
});

it('request_percentage: throttles a client whose requests take more than its share of a thread', async () => {
  // A billionth of a percent of a thread: any measurable time at all goes over it.
  await setQuota('busy', 'request_percentage', 1e-9);
  const busy = await connect('busy');
  // ApiVersions is exempt, as in Kafka.
  const versions = await busy.request(ApiVersionsApi, 3, { ...defaultApiVersionsRequest(), clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
  expect(versions.throttleTimeMs).toBe(0);
  const metadata = await busy.request(MetadataApi, 9, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  expect(metadata.throttleTimeMs).toBeGreaterThan(0);
  const idle = await (await connect('not-busy')).request(MetadataApi, 9, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  expect(idle.throttleTimeMs).toBe(0);
});

/** Opens `count` connections at once; each sends ApiVersions. How many were answered, and how many closed unanswered. */
async function burst(bootstrap: string, count: number): Promise<{ served: number; closed: number }> {
  const results = await Promise.allSettled(Array.from({ length: count }, async () => {
    const raw = await RawClient.connect(bootstrap);
    clients.push(raw);
    return raw.request(ApiVersionsApi, 3, { ...defaultApiVersionsRequest(), clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
  }));
  return { served: results.filter((r) => r.status === 'fulfilled').length, closed: results.filter((r) => r.status === 'rejected').length };
}

it('connection_creation_rate on an IP: connections over the rate are closed unserved', async () => {
  // 5 per second measured over 10 s: about 50 connections go in, the rest of a burst of 60 are
  // closed after a throttle of ~200 ms.
  const res = await (await connect('quota-admin')).request(AlterClientQuotasApi, 1, {
    entries: [{ entity: [{ entityType: 'ip', entityName: '127.0.0.1' }], ops: [{ key: 'connection_creation_rate', value: 5, remove: false }] }],
    validateOnly: false,
  });
  expect(res.entries[0]!.errorCode).toBe(ErrorCode.NONE);
  const { served, closed } = await burst(cluster.bootstrapServers, 60);
  expect(served).toBeGreaterThan(0);
  expect(closed).toBeGreaterThan(0);
  expect(served + closed).toBe(60);
});

it('listener.name.<l>.max.connection.creation.rate: that listener\'s connections over its rate wait, and are all served', async () => {
  const limited = await startCluster({ overrides: {
    listeners: 'PLAINTEXT://127.0.0.1:0,EXTERNAL://127.0.0.1:0',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'listener.name.external.max.connection.creation.rate': '5',
  } });
  try {
    const startMs = Date.now();
    const { served } = await burst(listenerAddress(limited, 'EXTERNAL'), 52);
    expect(served).toBe(52);
    // As the broker-wide rate below: a lower bound only.
    expect(Date.now() - startMs).toBeGreaterThanOrEqual(100);
    // The other listener has no rate of its own; it serves its burst too.
    expect((await burst(listenerAddress(limited, 'PLAINTEXT'), 52)).served).toBe(52);
  } finally {
    await limited.stop();
  }
});

/** ApiVersions on a new connection: 'served', or 'closed' when the broker hung up unserved. */
async function probe(address: string): Promise<{ result: 'served' | 'closed'; client?: RawClient }> {
  try {
    const raw = await RawClient.connect(address);
    clients.push(raw);
    await raw.request(ApiVersionsApi, 3, { ...defaultApiVersionsRequest(), clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    return { result: 'served', client: raw };
  } catch {
    return { result: 'closed' };
  }
}

/** Probes until one is served (a closed connection is uncounted once the broker sees it close). */
async function servedAgain(address: string): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await probe(address)).result === 'served') return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

it('max.connections.per.ip: an address over its open connections is closed unserved, and served again once one of its connections is cut', async () => {
  const limited = await startCluster({ overrides: { 'max.connections.per.ip': '3' } });
  try {
    const address = limited.bootstrapServers;
    const first = await Promise.all([probe(address), probe(address), probe(address)]);
    expect(first.map((p) => p.result)).toEqual(['served', 'served', 'served']);
    expect((await probe(address)).result).toBe('closed');
    // A client cut off (its socket destroyed, no goodbye) frees its place.
    first[0]!.client!.close();
    expect(await servedAgain(address)).toBe(true);
    expect((await probe(address)).result).toBe('closed');
  } finally {
    await limited.stop();
  }
});

it('max.connections.per.ip.overrides: 0 for every address but the one named, which may have 5', async () => {
  const limited = await startCluster({ overrides: { 'max.connections.per.ip': '0', 'max.connections.per.ip.overrides': 'localhost:1,127.0.0.1:5' } });
  try {
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await probe(limited.bootstrapServers)).result);
    expect(results).toEqual(['served', 'served', 'served', 'served', 'served', 'closed']);
  } finally {
    await limited.stop();
  }
});

it('max.connections.per.ip counts TLS connections from their TCP accept, and frees them when they close', async () => {
  const tlsKeys = tlsFixture();
  const limited = await startCluster({ overrides: {
    listeners: 'SSL://127.0.0.1:0', 'max.connections.per.ip': '1', ...tlsKeys.keys('ssl'),
  } });
  const connectTls = (): Promise<tls.TLSSocket | 'closed'> => new Promise((resolve) => {
    const [host, port] = listenerAddress(limited, 'SSL').split(':') as [string, string];
    const socket = tls.connect({ host, port: Number(port), ca: tlsKeys.ca, servername: 'localhost' });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', () => resolve('closed'));
    socket.once('close', () => resolve('closed'));
  });
  try {
    const first = await connectTls();
    expect(first).not.toBe('closed');
    expect(await connectTls()).toBe('closed');
    (first as tls.TLSSocket).destroy();
    let again: tls.TLSSocket | 'closed' = 'closed';
    for (let attempt = 0; attempt < 200 && again === 'closed'; attempt++) {
      again = await connectTls();
      if (again === 'closed') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(again).not.toBe('closed');
    (again as tls.TLSSocket).destroy();
  } finally {
    await limited.stop();
    fs.rmSync(tlsKeys.dir, { recursive: true, force: true });
  }
});

it.each([
  [{ 'max.connections.per.ip': '0' }, /max\.connections\.per\.ip: 0 lets no address connect/],
  [{ 'max.connections.per.ip.overrides': '127.0.0.1' }, /max\.connections\.per\.ip\.overrides: "127\.0\.0\.1" is not host:count/],
])('refuses connection count settings that cannot work: %o', async (overrides, message) => {
  await expect(startCluster({ overrides })).rejects.toThrow(message);
});

it('a listener rate that is not a count fails the start, naming the key', async () => {
  await expect(startCluster({ overrides: { 'listener.name.plaintext.max.connection.creation.rate': 'fast' } }))
    .rejects.toThrow(/listener\.name\.plaintext\.max\.connection\.creation\.rate/);
});

it('max.connection.creation.rate: connections over the rate wait, and are all served', async () => {
  const limited = await startCluster({ overrides: { 'max.connection.creation.rate': '5' } });
  try {
    const startMs = Date.now();
    const { served } = await burst(limited.bootstrapServers, 52);
    expect(served).toBe(52);
    // The 51st waits ~200 ms before it is let in, and the one behind it waits for it: a lower bound only.
    expect(Date.now() - startMs).toBeGreaterThanOrEqual(100);
  } finally {
    await limited.stop();
  }
});
