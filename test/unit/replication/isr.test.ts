// Who the leader keeps in sync: a follower in the ISR when leadership starts gets
// replica.lag.time.max.ms to fetch before it is shrunk out (a new partition's followers are not
// dropped at the leader's first check), and one that stops fetching leaves.
import { describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { desiredIsr } from '../../../src/replication/isr.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';

const LAG_MAX_MS = 5_000;

async function ledPartition(clock: { now: number }): Promise<Partition> {
  const nowMs = (): number => clock.now;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const replicas = new ReplicaManager({ nodeId: 1, logDir, config, nowMs });
  await replicas.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [1, 2])), EMPTY_IMAGE);
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  return found.partition;
}

describe('desiredIsr', () => {
  it('gives the followers of a new partition replica.lag.time.max.ms before shrinking them out', async () => {
    const clock = { now: 1_000_000 };
    const p = await ledPartition(clock);
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS)).toBeNull();
    clock.now += LAG_MAX_MS;
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS)).toBeNull();
    clock.now += 1;
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS)).toEqual([1]);
  });

  it('keeps a follower that fetches up to the log end', async () => {
    const clock = { now: 1_000_000 };
    const p = await ledPartition(clock);
    for (let i = 0; i < 5; i++) {
      clock.now += LAG_MAX_MS - 1;
      p.recordFollowerFetch(2, p.log.logEndOffset, clock.now);
    }
    expect(desiredIsr(p, 1, clock.now + LAG_MAX_MS, LAG_MAX_MS)).toBeNull();
    expect(desiredIsr(p, 1, clock.now + LAG_MAX_MS + 1, LAG_MAX_MS)).toEqual([1]);
  });

  it('lets a follower join only on its own fetch, not on progress an earlier fetch recorded', async () => {
    const clock = { now: 1_000_000 };
    const p = await ledPartition(clock);
    p.recordFollowerFetch(2, p.log.logEndOffset, clock.now);
    // The follower stops fetching (it died, say) and is shrunk out of the ISR.
    clock.now += LAG_MAX_MS + 1;
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS)).toEqual([1]);
    p.update({ ...p.state, isr: [1], partitionEpoch: p.state.partitionEpoch + 1 }, clock.now);
    // Its last recorded position still reaches the high watermark, but that is stale: neither the
    // periodic check nor another follower's fetch brings it back.
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS)).toBeNull();
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS, 3)).toBeNull();
    // Its own fetch does.
    p.recordFollowerFetch(2, p.log.logEndOffset, clock.now);
    expect(desiredIsr(p, 1, clock.now, LAG_MAX_MS, 2)).toEqual([1, 2]);
  });
});
