// jest globalSetup: one kraftling cluster for the whole run. jest loads this file with Node's own
// import, so it may be an ES module; test files read the address from KAFKA_BROKERS. The cluster
// object is kept on globalThis, which jest shares between globalSetup and globalTeardown only.
import { Cluster } from 'kraftling';

export default async function globalSetup() {
  const cluster = await Cluster.start({ nodes: 3, logLevel: 'warn' });
  process.env.KAFKA_BROKERS = cluster.bootstrapServers;
  globalThis.__KRAFTLING__ = cluster;
}
