// The BROKER_LOGGER config resource (Kafka's RuntimeLoggerManager): a broker's log levels, shown by
// DescribeConfigs and changed by IncrementalAlterConfigs on that broker, at once and until it
// restarts (never written to the metadata log). kraftling has one logger per node, Kafka's "root":
// setting it to DEBUG or TRACE turns on that node's debug lines without a restart. Levels are
// Kafka's names; Kafka's other loggers (kafka.server.ReplicaManager, ...) do not exist here.
import { ErrorCode } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';

export const BROKER_LOGGER = 8;
export const ROOT_LOGGER = 'root';
/** Kafka's LogLevelConfig.VALID_LOG_LEVELS, in the order its messages list them. */
const LEVELS = ['DEBUG', 'ERROR', 'FATAL', 'INFO', 'TRACE', 'WARN'];

const enum Op { SET = 0, DELETE = 1, APPEND = 2, SUBTRACT = 3 }

export interface LoggerChange {
  name: string;
  configOperation: number;
  value: string | null;
}

/** The loggers and their levels, as DescribeConfigs lists them. */
export function loggerLevels(log: Logger): { name: string; value: string }[] {
  // 'silent' has no Kafka name: OFF is log4j's.
  return [{ name: ROOT_LOGGER, value: log.level === 'silent' ? 'OFF' : log.level.toUpperCase() }];
}

/** Checks the resource's name (this broker's id), as both APIs do; an error or null. */
export function checkLoggerResource(name: string, nodeId: number): [number, string] | null {
  if (!/^-?\d+$/.test(name)) return [ErrorCode.INVALID_REQUEST, `Node id must be an integer, but it is: ${name}`];
  return Number(name) === nodeId ? null : [ErrorCode.INVALID_REQUEST, `Unexpected node id. Expected ${nodeId}, but received ${name}`];
}

/** Checks every change first (Kafka's validateLogLevelConfigs), then applies them unless only
 * validating. Returns the error for the resource, or null. */
export function changeLoggers(log: Logger, changes: readonly LoggerChange[], validateOnly: boolean): [number, string] | null {
  for (const c of changes) {
    switch (c.configOperation) {
      case Op.SET:
        if (c.name !== ROOT_LOGGER) return [ErrorCode.INVALID_CONFIG, `Logger ${c.name} does not exist!`];
        if (c.value === null || !LEVELS.includes(c.value)) {
          return [ErrorCode.INVALID_CONFIG, `Cannot set the log level of ${c.name} to ${c.value} as it is not a supported log level. Valid log levels are ${LEVELS.join(', ')}`];
        }
        break;
      case Op.DELETE:
        if (c.name !== ROOT_LOGGER) return [ErrorCode.INVALID_CONFIG, `Logger ${c.name} does not exist!`];
        return [ErrorCode.INVALID_REQUEST, `Removing the log level of the ${ROOT_LOGGER} logger is not allowed`];
      case Op.APPEND:
        return [ErrorCode.INVALID_REQUEST, 'APPEND operation is not allowed for the BROKER_LOGGER resource'];
      case Op.SUBTRACT:
        return [ErrorCode.INVALID_REQUEST, 'SUBTRACT operation is not allowed for the BROKER_LOGGER resource'];
      default:
        return [ErrorCode.INVALID_REQUEST, `Unknown operation type ${c.configOperation} is not allowed for the BROKER_LOGGER resource`];
    }
  }
  if (validateOnly) return null;
  for (const c of changes) {
    log.level = c.value!.toLowerCase();
    // Kafka logs each change at WARN, so it shows whatever the new level.
    log.warn(`Updated the log level of ${c.name} to ${c.value}`);
  }
  return null;
}
