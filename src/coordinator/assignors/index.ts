// The server-side assignors by the names Kafka gives them (group.consumer.assignors).
import type { Assignor } from './assignor.js';
import { rangeAssign } from './range.js';
import { uniformAssign } from './uniform.js';

export const ASSIGNORS: ReadonlyMap<string, Assignor> = new Map<string, Assignor>([
  ['uniform', uniformAssign],
  ['range', rangeAssign],
]);
