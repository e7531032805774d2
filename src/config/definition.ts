// How a config key is declared and how its string value is checked, for both server.properties
// keys and topic-level keys. Values stay strings at rest (as Kafka stores them in ConfigRecords);
// `parseValue` turns them into numbers or booleans where code needs them.

export type ConfigType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'password';

export interface ConfigKey {
  name: string;
  type: ConfigType;
  /** Default as Kafka documents it, or null when there is none. */
  default: string | null;
  doc: string;
  /** Inclusive numeric bounds. */
  min?: number;
  max?: number;
  /** Allowed values (for lists: allowed elements). */
  oneOf?: readonly string[];
  /** Accepted and shown, but kraftling does not act on it. */
  inert?: boolean;
}

export class ConfigError extends Error {
  readonly code = 'KRAFTLING_CONFIG';
  constructor(readonly key: string, message: string) {
    super(`${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Checks a value against its key; returns a message for the user, or null when it is valid. */
export function checkValue(key: ConfigKey, value: string): string | null {
  const v = value.trim();
  switch (key.type) {
    case 'int':
    case 'long': {
      if (!/^-?\d+$/.test(v)) return `"${value}" is not an integer`;
      const n = Number(v);
      if (key.type === 'int' && (n < INT_MIN || n > INT_MAX)) return `${v} does not fit in 32 bits`;
      return checkRange(key, n);
    }
    case 'double': {
      const n = Number(v);
      if (v === '' || Number.isNaN(n)) return `"${value}" is not a number`;
      return checkRange(key, n);
    }
    case 'boolean':
      return /^(true|false)$/i.test(v) ? null : `"${value}" is not true or false`;
    case 'list': {
      if (!key.oneOf) return null;
      const bad = splitList(v).filter((e) => !key.oneOf!.includes(e));
      return bad.length === 0 ? null : `"${bad[0]}" is not one of ${key.oneOf.join(', ')}`;
    }
    default:
      if (key.oneOf && !key.oneOf.includes(v)) return `"${value}" is not one of ${key.oneOf.join(', ')}`;
      return null;
  }
}

function checkRange(key: ConfigKey, n: number): string | null {
  if (key.min !== undefined && n < key.min) return `${n} is below the minimum ${key.min}`;
  if (key.max !== undefined && n > key.max) return `${n} is above the maximum ${key.max}`;
  return null;
}

export function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parseNumber(v: string): number {
  return Number(v.trim());
}

export function parseBoolean(v: string): boolean {
  return v.trim().toLowerCase() === 'true';
}
