// The broker's periodic heartbeats, as Kafka's BrokerLifecycleManager sends them: an answer that
// changes what the broker knows (no controller answered, an error, fenced, unfenced again) is
// logged once, not at every beat; a beat that comes while a heartbeat is still in flight sends the
// next one the moment it ends, not an interval later (a heartbeat held up to half a session by a
// vanished controller otherwise left the broker silent for another interval).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { BrokerHeartbeatResponse } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { createLogger } from '../../../src/logger.js';
import { BrokerLifecycle } from '../../../src/node/broker-lifecycle.js';
import type { ControllerClient } from '../../../src/node/controller-client.js';
import { MetadataPublisher } from '../../../src/node/metadata-publisher.js';

const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
const INTERVAL = config.int('broker.heartbeat.interval.ms');

const answer = (errorCode: number, isFenced = false): BrokerHeartbeatResponse =>
  ({ throttleTimeMs: 0, errorCode, isCaughtUp: true, isFenced, shouldShutDown: false });

/** A broker whose controller answers registration at once and heartbeats through `heartbeat`. */
async function registered(heartbeat: () => Promise<BrokerHeartbeatResponse>): Promise<{ lifecycle: BrokerLifecycle; logged: string[]; heartbeats: () => number }> {
  const logged: string[] = [];
  let heartbeats = 0;
  const controller = {
    call: async (api: { name: string }) => {
      if (api.name === 'BrokerRegistration') return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, brokerEpoch: 5 };
      heartbeats++;
      return heartbeats === 1 ? answer(ErrorCode.NONE) : heartbeat();
    },
  } as unknown as ControllerClient;
  const lifecycle = new BrokerLifecycle({
    nodeId: 1, clusterId: 'c', incarnationId: '00000000-0000-0000-0000-000000000001', config, controller,
    publisher: new MetadataPublisher(() => undefined), addresses: [], nowMs: () => Date.now(),
    log: createLogger({ level: 'info', pretty: false, destination: { write: (line) => logged.push(JSON.parse(line).msg) } }),
    quorumLeaderId: () => 1, previousBrokerEpoch: -1,
  });
  await lifecycle.register();
  return { lifecycle, logged, heartbeats: () => heartbeats - 1 };
}

describe('BrokerLifecycle heartbeats', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs what an answer changes, once', async () => {
    const answers = [
      answer(ErrorCode.NOT_CONTROLLER), answer(ErrorCode.NOT_CONTROLLER), answer(ErrorCode.NONE),
      answer(ErrorCode.NONE, true), answer(ErrorCode.NONE, true), answer(ErrorCode.NONE), answer(ErrorCode.NONE),
      answer(ErrorCode.STALE_BROKER_EPOCH), answer(ErrorCode.STALE_BROKER_EPOCH),
    ];
    const { lifecycle, logged } = await registered(async () => answers.shift()!);
    await vi.advanceTimersByTimeAsync(INTERVAL * 9);
    lifecycle.abort();
    expect(answers).toEqual([]);
    expect(logged).toEqual([
      'no active controller answered a broker heartbeat in time; trying again at the next interval',
      'broker heartbeats are answered again',
      'this broker is fenced (the controller heard no heartbeat within broker.session.timeout.ms): it leads no partition until unfenced',
      'this broker is unfenced again',
      'the controller refused a broker heartbeat; trying again at the next interval',
    ]);
  });

  it('sends the next heartbeat as soon as one held past a beat is answered', async () => {
    let release: (() => void) | undefined;
    const { lifecycle, heartbeats } = await registered(() => new Promise((resolve) => { release = () => resolve(answer(ErrorCode.NONE)); }));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(heartbeats()).toBe(1);
    await vi.advanceTimersByTimeAsync(INTERVAL * 1.5);
    expect(heartbeats()).toBe(1);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(heartbeats()).toBe(2);
    lifecycle.abort();
  });
});
