// What does the app do when the broker leading its partition dies? This file starts its own
// 3-node cluster (a few hundred milliseconds), kills the leader of the orders partition, and checks
// that the app's consumer carries on and no order is lost.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Cluster } from 'kraftling';
import { orderService } from '../app/order-service.mjs';

let cluster;
let service;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 3, logLevel: 'warn' });
});

afterAll(async () => {
  await service?.stop();
  await cluster?.stop();
});

it('keeps processing orders after the partition leader is killed', async () => {
  service = orderService({ brokers: cluster.bootstrapServers.split(',') });
  await service.start();
  for (const id of [1, 2, 3]) await service.placeOrder({ id });
  await service.processedCount(3);

  const leader = cluster.leaderOf('orders', 0);
  cluster.kill(leader); // abrupt, as kill -9: no controlled shutdown
  const newLeader = await cluster.waitFor.leader('orders', 0, { not: leader });
  expect(newLeader).not.toBe(leader);

  for (const id of [4, 5, 6]) await service.placeOrder({ id });
  await service.processedCount(6);
  // At least once: an order whose offset commit the failover interrupted may come again.
  expect([...new Set(service.processed)]).toEqual([1, 2, 3, 4, 5, 6]);
});
