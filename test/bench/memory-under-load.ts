// The broker's RSS under sustained produce as the data it stores grows: the issue asks that memory
// under load be bounded by configuration (requests in flight, frame and fetch sizes), never by
// how much the logs hold. Small segments (64 MiB) so the logs roll many times: per-segment state
// (indexes, open files) would show as growth here.
import { inTempDir, processMemoryBytes, spawnBroker } from './broker-process.js';
import { produceFor, produceRequests, type ProduceShape } from './produce-load.js';
import { createTopic } from './raw-client.js';
import type { BenchSettings, Figure } from './report.js';

const SEGMENT_BYTES = 64 * 2 ** 20;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** `load`: the produce figure's load, to a topic of its own. */
export async function memoryUnderLoadFigure(settings: BenchSettings, load: Omit<ProduceShape, 'topic' | 'acks'>): Promise<Figure> {
  const roundBytes = settings.quick ? 0.25e9 : 0.5e9;
  const rounds = settings.quick ? 3 : 4;
  return inTempDir('kraftling-bench-rss-', async (dir) => {
    const broker = await spawnBroker(['--data-dir', dir, '--port', '0', '--log-level', 'warn', '-o', `log.segment.bytes=${SEGMENT_BYTES}`]);
    try {
      const shape = { ...load, topic: 'bench-rss', acks: 1 };
      await createTopic(broker.bootstrap, shape.topic, shape.partitions);
      const requests = Math.floor(roundBytes / produceRequests(shape).payloadBytesPerRequest);
      const rss: number[] = [];
      let stored = 0;
      for (let i = 0; i < rounds; i++) {
        settings.log(`produce: RSS as the logs grow, ${i + 1} of ${rounds}`);
        stored += (await produceFor(broker.bootstrap, shape, 120_000, requests)).payloadBytes;
        rss.push(processMemoryBytes(broker.pid, 'VmRSS'));
      }
      return {
        group: 'produce',
        name: `broker RSS after ${(roundBytes / 1e9).toFixed(2)} GB, then ${(stored / 1e9).toFixed(2)} GB stored`,
        value: `${mib(rss[0]!)}, then ${mib(rss.at(-1)!)}`,
        versus: `${rss.map(mib).join(' / ')} after each ${(roundBytes / 1e9).toFixed(2)} GB; peak ${mib(processMemoryBytes(broker.pid, 'VmHWM'))}; `
          + 'target: bounded, not growing with the data stored',
        generator: `raw client as in produce, acks=1, durable broker, log.segment.bytes ${mib(SEGMENT_BYTES)} (the logs roll ${Math.floor(stored / SEGMENT_BYTES)} times)`,
      };
    } finally {
      await broker.stop();
    }
  });
}
