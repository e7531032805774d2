// What does the app do when the broker answers with errors? This file starts its own cluster and
// makes the broker answer the app's requests with chosen Kafka errors, as a misbehaving cluster
// would, then checks that the app retries and loses nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiKey, Cluster, ErrorCode } from 'kraftling';
import { orderService } from '../app/order-service.mjs';

let cluster;
let service;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 1, logLevel: 'warn' });
  service = orderService({ brokers: cluster.bootstrapServers.split(',') });
  await service.start();
});

afterAll(async () => {
  await service?.stop();
  await cluster?.stop();
});

it('retries a produce answered NOT_LEADER_OR_FOLLOWER then REQUEST_TIMED_OUT, and sends the order once', async () => {
  // The next two Produce requests get these errors, one each; the third is served.
  cluster.faults.failRequests(1, ApiKey.Produce, [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.REQUEST_TIMED_OUT]);
  await service.placeOrder({ id: 1 });
  await cluster.waitFor.offsetCommitted('order-processor', 'orders', 0, 1);
  expect(service.processed).toEqual([1]);
});

it('survives a slow broker whose first fetch answer is NOT_LEADER_OR_FOLLOWER', async () => {
  // An interception hook sees every Fetch of node 1: it fails the first, passes the others.
  let fetches = 0;
  cluster.faults.intercept(1, ApiKey.Fetch, () => (++fetches === 1 ? { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER } : undefined));
  cluster.faults.setLatency(1, 100); // every answer of node 1 leaves 100 ms late
  await service.placeOrder({ id: 2 });
  await service.processedCount(2);
  expect(service.processed).toEqual([1, 2]);
  expect(fetches).toBeGreaterThan(1);
  cluster.faults.clear();
});
