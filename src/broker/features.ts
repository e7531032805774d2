// Feature versions this node supports (KIP-584). metadata.version 3.7-IV4 (level 19) is the last
// level whose records this node's controller writes without needing newer semantics.

export const METADATA_VERSION = 19;

export const SUPPORTED_FEATURES = [
  { name: 'metadata.version', minVersion: 7, maxVersion: METADATA_VERSION },
  { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
] as const;
