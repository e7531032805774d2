// `kraftling log-dirs --describe`: each live broker's log directories and the size of each
// partition log in them, printed as kafka-log-dirs prints them (two lines, then one JSON object).
import { DescribeLogDirsApi, type DescribeLogDirsResponse } from '../../protocol/generated/api/35-describe-log-dirs.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient } from './kafka-client.js';

export async function runLogDirs(values: Record<string, unknown>): Promise<number> {
  if (values.describe !== true) throw new UsageError('log-dirs: --describe is the only action');
  const topics = listOf(values['topic-list']);
  const wantedBrokers = listOf(values['broker-list'])?.map(Number);
  return withClient('log-dirs', values, async (client) => {
    const md = await client.metadata();
    const brokers = [...md.brokers].filter((b) => wantedBrokers === undefined || wantedBrokers.includes(b.nodeId)).sort((a, b) => a.nodeId - b.nodeId);
    process.stdout.write('Querying brokers for log directories information\n');
    const described: { broker: number; res: DescribeLogDirsResponse }[] = [];
    for (const b of brokers) {
      const { res } = await client.request(DescribeLogDirsApi, { topics: null }, { host: b.host, port: b.port });
      if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `DescribeLogDirs of broker ${b.nodeId}`);
      described.push({ broker: b.nodeId, res });
    }
    process.stdout.write(`Received log directory information from brokers ${described.map((d) => d.broker).join(',')}\n`);
    const json = {
      version: 1,
      brokers: described.map(({ broker, res }) => ({
        broker,
        logDirs: res.results.map((dir) => ({
          partitions: dir.topics.filter((t) => topics === undefined || topics.includes(t.name)).flatMap((t) => t.partitions.map((p) => ({
            partition: `${t.name}-${p.partitionIndex}`, size: p.partitionSize, offsetLag: p.offsetLag, isFuture: p.isFutureKey,
          }))),
          error: dir.errorCode === 0 ? null : `error code ${dir.errorCode}`,
          logDir: dir.logDir,
        })),
      })),
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
    return 0;
  });
}

/** A comma-separated list, undefined when the flag is not given (all). */
function listOf(value: unknown): string[] | undefined {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
}
