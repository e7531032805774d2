// `kraftling cluster` (kafka-cluster): `cluster-id` prints the cluster id (DescribeCluster);
// `unregister --id N` unregisters a broker removed for good (UnregisterBroker): it leaves every ISR
// and leadership and the cluster's broker list. A broker started again with that id registers afresh.
import { DescribeClusterApi } from '../../protocol/generated/api/60-describe-cluster.js';
import { UnregisterBrokerApi } from '../../protocol/generated/api/64-unregister-broker.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient } from './kafka-client.js';

export async function runCluster(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [action] = positionals;
  if (action === 'cluster-id') {
    return withClient('cluster', values, async (client) => {
      const { res } = await client.request(DescribeClusterApi, { includeClusterAuthorizedOperations: false, endpointType: 1 });
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'DescribeCluster', res.errorMessage);
      process.stdout.write(`Cluster ID: ${res.clusterId}\n`);
      return 0;
    });
  }
  if (action === 'unregister') {
    const id = String(values.id ?? '');
    if (!/^\d+$/.test(id)) throw new UsageError('unregister needs --id N (the broker id)');
    return withClient('cluster', values, async (client) => {
      const { res } = await client.request(UnregisterBrokerApi, { brokerId: Number(id) });
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `unregistering broker ${id}`, res.errorMessage);
      process.stdout.write(`Broker ${id} is no longer registered.\n`);
      return 0;
    });
  }
  throw new UsageError('cluster takes cluster-id or unregister');
}
