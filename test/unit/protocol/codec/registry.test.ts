// Header versions and framing in protocol/registry.ts, checked against the flexible versions in
// Kafka's JSON (request header v2 / response header v1 exactly when the API version is flexible,
// with Kafka's two exceptions), and frames for keys and versions the broker does not know.
import { describe, expect, it } from 'vitest';
import {
  apiDefinition, readRequestFrame, requestHeaderVersion, responseHeaderVersion, writeRequestFrame,
} from '../../../../protocol/registry.js';
import { apiDefinitions } from '../../../../protocol/generated/index.js';
import { loadReference, referenceAvailable } from './helpers/kafka-reference.js';

function flexibleIn(text: string, version: number): boolean {
  const m = /^(\d+)\+$/.exec(text);
  return m !== null && version >= Number(m[1]);
}

describe('registry', () => {
  it.skipIf(!referenceAvailable())('picks header versions from flexible versions, with the ControlledShutdown v0 and ApiVersions exceptions', () => {
    const reference = loadReference();
    for (const def of apiDefinitions) {
      const flexible = reference.get(`${def.name}Request`)!.flexibleVersions;
      for (let v = def.minVersion; v <= def.maxVersion; v++) {
        const flex = flexibleIn(flexible, v);
        // ControlledShutdown v0 used a header without client id (header v0).
        const request = def.name === 'ControlledShutdown' && v === 0 ? 0 : flex ? 2 : 1;
        // ApiVersions responses keep header v0 so a client of any version can read the answer.
        const response = def.name === 'ApiVersions' ? 0 : flex ? 1 : 0;
        expect([requestHeaderVersion(def, v), responseHeaderVersion(def, v)], `${def.name} v${v}`).toEqual([request, response]);
      }
    }
  });

  it('reads the header of a request for an unknown key, leaving the answer to the caller', () => {
    const frame = Buffer.from('03e70000000000070002' + '6869', 'hex');
    const { header, def } = readRequestFrame(frame);
    expect(def).toBeUndefined();
    expect(header).toEqual({ requestApiKey: 999, requestApiVersion: 0, correlationId: 7, clientId: 'hi' });
  });

  it('reads an ApiVersions request from a newer client as flexible (header v2)', () => {
    const frame = Buffer.from('0012006300000009' + '0002' + '6869' + '00' + '0000', 'hex');
    const { header, body } = readRequestFrame(frame);
    expect(header).toEqual({ requestApiKey: 18, requestApiVersion: 99, correlationId: 9, clientId: 'hi' });
    expect(body.remaining).toBe(2);
  });

  it('frames ControlledShutdown v0 with header v0 (no client id)', () => {
    const def = apiDefinition(7)!;
    const frame = Buffer.concat(writeRequestFrame(def, 0, 5, 'ignored', { ...def.defaultRequest(), brokerId: 3 }));
    expect(frame.toString('hex')).toBe('0000000c' + '00070000' + '00000005' + '00000003');
    const { header, body } = readRequestFrame(frame.subarray(4));
    expect(header.correlationId).toBe(5);
    expect(def.readRequest(body, 0)).toMatchObject({ brokerId: 3 });
  });
});
