// vitest globalSetup: one 3-node kraftling cluster for the whole test run, started before the
// first test file and stopped after the last. Test files read its address from KAFKA_BROKERS
// (set here, before vitest starts the workers that run them).
import { Cluster } from 'kraftling';

let cluster;

export async function setup() {
  // Free ports and a temporary data directory: parallel CI jobs never collide.
  cluster = await Cluster.start({ nodes: 3, logLevel: 'warn' });
  process.env.KAFKA_BROKERS = cluster.bootstrapServers;
}

export async function teardown() {
  await cluster?.stop();
}
