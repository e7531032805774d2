// A test against the shared cluster of global-setup.mjs: each test uses its own topic and group,
// so test files can share one cluster and still not see each other's records.
import { afterEach, expect, it } from 'vitest';
import { orderService } from '../app/order-service.mjs';

const brokers = process.env.KAFKA_BROKERS.split(',');
let service;

afterEach(async () => {
  await service?.stop();
});

it('processes every order placed', async () => {
  service = orderService({ brokers, topic: 'orders-shared', groupId: 'orders-shared' });
  await service.start();
  for (const id of [1, 2, 3]) await service.placeOrder({ id, item: 'book' });
  await service.processedCount(3);
  expect(service.processed).toEqual([1, 2, 3]);
});
