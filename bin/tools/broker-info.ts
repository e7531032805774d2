// `kraftling broker-api-versions`: what ApiVersions says, asked of each live broker
// (kafka-broker-api-versions).
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { apiDefinition } from '../../protocol/registry.js';
import { KafkaError, withClient } from './kafka-client.js';

export async function runBrokerApiVersions(values: Record<string, unknown>): Promise<number> {
  return withClient('broker-api-versions', values, async (client) => {
    const md = await client.metadata();
    for (const b of [...md.brokers].sort((x, y) => x.nodeId - y.nodeId)) {
      const at = { host: b.host, port: b.port };
      const { res } = await client.request(ApiVersionsApi, { clientSoftwareName: 'kraftling-cli', clientSoftwareVersion: '1' }, at, 3);
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `ApiVersions of broker ${b.nodeId}`);
      const lines = [...res.apiKeys].sort((x, y) => x.apiKey - y.apiKey)
        .map((k) => `\t${apiDefinition(k.apiKey)?.name ?? 'Unknown'}(${k.apiKey}): ${k.minVersion} to ${k.maxVersion}`);
      process.stdout.write(`${b.host}:${b.port} (id: ${b.nodeId} rack: ${b.rack ?? 'null'}) -> (\n${lines.join(',\n')}\n)\n`);
    }
    return 0;
  });
}
