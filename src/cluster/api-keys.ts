// Kafka's API keys by their protocol names (Produce: 0, Fetch: 1, ...), for the fault controls
// that take an API key: `cluster.faults.failRequests(1, ApiKey.Produce, [...])`.
import { apiDefinition } from '../../protocol/registry.js';

/** The highest API key the protocol definitions know (PushTelemetry). */
const LAST_API_KEY = 72;

export const ApiKey: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(
  Array.from({ length: LAST_API_KEY + 1 }, (_, key) => apiDefinition(key)).flatMap((def) => (def ? [[def.name, def.key]] : [])),
));
