// Feature versions this node supports (KIP-584). metadata.version 3.7-IV4 (level 19) is the last
// level whose records this node's controller writes without needing newer semantics.

export const METADATA_VERSION = 19;

export const SUPPORTED_FEATURES = [
  { name: 'metadata.version', minVersion: 7, maxVersion: METADATA_VERSION },
  { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
] as const;

/**
 * Why this node cannot serve the finalized feature levels it was given, or null when it can. A
 * node refuses to start on such an image (Kafka's brokers fail the same way), rather than serve
 * records whose format it may not know.
 */
export function unservableFeatures(finalized: ReadonlyMap<string, number>): string | null {
  const outside = [...finalized].filter(([name, level]) => {
    const f = SUPPORTED_FEATURES.find((s) => s.name === name);
    return level > 0 && (!f || level < f.minVersion || level > f.maxVersion);
  });
  if (outside.length === 0) return null;
  const supported = SUPPORTED_FEATURES.map((f) => `${f.name} ${f.minVersion}-${f.maxVersion}`).join(', ');
  return `the cluster has finalized ${outside.map(([n, l]) => `${n}=${l}`).join(', ')}, which this node cannot serve ` +
    `(it supports ${supported}): run a kraftling that supports that level, or downgrade the feature first`;
}
