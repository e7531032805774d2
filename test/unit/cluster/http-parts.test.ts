// The HTTP listener's small pure parts: its address syntax, the consumer-protocol assignment the
// console decodes, and the broker counters' bounds.
import { describe, expect, it } from 'vitest';
import { BrokerMetrics } from '../../../src/broker/broker-metrics.js';
import { consumerAssignment } from '../../../src/cluster/http/cluster-reads.js';
import { parseHttpAddress } from '../../../src/cluster/http/http-address.js';

describe('parseHttpAddress', () => {
  it('takes host:port, [v6]:port and :port (loopback), port 0 for a free one', () => {
    expect(parseHttpAddress('127.0.0.1:8080')).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(parseHttpAddress('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    expect(parseHttpAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseHttpAddress(':9000')).toEqual({ host: '127.0.0.1', port: 9000 });
  });

  it('names the expected form when the value is not one', () => {
    for (const bad of ['8080', 'host', 'host:', 'host:70000', 'host:-1', 'a:b:c']) {
      expect(() => parseHttpAddress(bad), bad).toThrow(/host:port/);
    }
  });
});

describe('consumerAssignment', () => {
  it('decodes the consumer protocol assignment, and shows garbage as none', () => {
    const topic = Buffer.from('orders');
    const buf = Buffer.alloc(2 + 4 + 2 + topic.length + 4 + 8 + 4);
    let pos = buf.writeInt16BE(1, 0);
    pos = buf.writeInt32BE(1, pos);
    pos = buf.writeInt16BE(topic.length, pos);
    pos += topic.copy(buf, pos);
    pos = buf.writeInt32BE(2, pos);
    pos = buf.writeInt32BE(0, pos);
    pos = buf.writeInt32BE(3, pos);
    buf.writeInt32BE(-1, pos);
    expect(consumerAssignment(buf)).toEqual({ orders: [0, 3] });
    expect(consumerAssignment(Buffer.from([0, 1, 0, 0, 0, 5]))).toEqual({});
    expect(consumerAssignment(Buffer.alloc(0))).toEqual({});
  });
});

describe('BrokerMetrics', () => {
  it('counts requests per API and version, and ignores keys or versions out of its bounds', () => {
    const m = new BrokerMetrics();
    m.requestDone(0, 9, performance.now());
    m.requestDone(0, 9, performance.now());
    m.requestDone(1, 17, performance.now());
    m.requestDone(-1, 0, 0);
    m.requestDone(9999, 0, 0);
    m.requestDone(3, 99, 0);
    expect([...m.requestsByVersion()]).toEqual([{ apiKey: 0, version: 9, count: 2 }, { apiKey: 1, version: 17, count: 1 }]);
    expect(m.requestCount[0]).toBe(2);
  });

  it('tells ISR shrinks from expansions', () => {
    const m = new BrokerMetrics();
    m.isrChanged(3, 2);
    m.isrChanged(2, 3);
    m.isrChanged(3, 3);
    expect({ shrinks: m.isrShrinks, expands: m.isrExpands }).toEqual({ shrinks: 1, expands: 1 });
  });

  it('counts newly elected controllers as Kafka does: not "no leader", not a repeat', () => {
    const m = new BrokerMetrics();
    m.controllerSeen(1, 1);
    m.controllerSeen(1, 1);
    m.controllerSeen(-1, 2);
    m.controllerSeen(2, 2);
    m.controllerSeen(2, 3);
    expect(m.newActiveControllers).toBe(3);
  });
});
