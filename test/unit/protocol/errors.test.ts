// The Kafka error-code table (protocol/errors.ts), checked for shape and against kafkajs's own table.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ErrorCode, KAFKA_ERRORS, errorName, isRetriable, kafkaError } from '../../../protocol/errors.js';

interface KafkajsError {
  type: string;
  code: number;
  retriable: boolean;
}

const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as { errorCodes: KafkajsError[] };

/** Names Kafka has since changed; kafkajs 2.2.4 still uses the old ones. */
const RENAMED: Record<string, string> = {
  UNKNOWN: 'UNKNOWN_SERVER_ERROR',
  NOT_LEADER_FOR_PARTITION: 'NOT_LEADER_OR_FOLLOWER',
  GROUP_LOAD_IN_PROGRESS: 'COORDINATOR_LOAD_IN_PROGRESS',
  GROUP_COORDINATOR_NOT_AVAILABLE: 'COORDINATOR_NOT_AVAILABLE',
  NOT_COORDINATOR_FOR_GROUP: 'NOT_COORDINATOR',
};

describe('Kafka error codes', () => {
  it('runs from -1 to 133 without gaps or repeated names', () => {
    expect(KAFKA_ERRORS.map((e) => e.code)).toEqual(Array.from({ length: 135 }, (_, i) => i - 1));
    expect(new Set(KAFKA_ERRORS.map((e) => e.name)).size).toBe(KAFKA_ERRORS.length);
    expect(KAFKA_ERRORS.filter((e) => e.message === null).map((e) => e.name)).toEqual(['NONE']);
  });

  it('agrees with kafkajs on every code kafkajs knows: name and retriable flag', () => {
    for (const k of errorCodes) {
      expect(kafkaError(k.code), `code ${k.code}`).toMatchObject({ name: RENAMED[k.type] ?? k.type, retriable: k.retriable });
    }
  });

  it('gives handlers named codes with literal types', () => {
    const notLeader: 6 = ErrorCode.NOT_LEADER_OR_FOLLOWER;
    expect(notLeader).toBe(6);
    expect(ErrorCode.NONE).toBe(0);
    expect(ErrorCode.UNKNOWN_SERVER_ERROR).toBe(-1);
    expect(ErrorCode.SHARE_SESSION_LIMIT_REACHED).toBe(133);
    expect(Object.keys(ErrorCode)).toHaveLength(KAFKA_ERRORS.length);
  });

  it('reads unknown codes the way Kafka clients do', () => {
    expect(kafkaError(9999)).toBeUndefined();
    expect(errorName(9999)).toBe('UNKNOWN_SERVER_ERROR');
    expect(isRetriable(9999)).toBe(false);
    expect(isRetriable(ErrorCode.NOT_ENOUGH_REPLICAS)).toBe(true);
    expect(isRetriable(ErrorCode.INVALID_RECORD)).toBe(false);
  });
});
