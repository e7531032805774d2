// A real Kafka for a test suite, started once before all tests and stopped after: a vitest
// `globalSetup` file (jest's globalSetup/globalTeardown take the same two functions). Tests read
// the address from process.env.KAFKA_BROKERS.
//
//   // vitest.config.js
//   export default { test: { globalSetup: ['./examples/test-runner/global-setup.mjs'] } };
import { Cluster } from 'kraftling';

let cluster;

export async function setup() {
  // A temporary data directory and free ports: parallel CI jobs never collide.
  cluster = await Cluster.start({ logLevel: 'warn' });
  process.env.KAFKA_BROKERS = cluster.bootstrapServers;
}

export async function teardown() {
  await cluster?.stop();
}

export default setup;
