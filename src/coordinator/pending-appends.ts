// Appends a coordinator has handed to its runtime and not yet heard back about, by token: the
// group and transaction coordinators both complete them when the runtime reports the write, and
// fail a partition's all at once when they stop coordinating it.
import { ErrorCode } from '../../protocol/errors.js';

export type AppendDone = (errorCode: number, nowMs: number) => void;

export class PendingAppends {
  private readonly byToken = new Map<number, { partition: number; done: AppendDone }>();
  private nextToken = 1;

  /** Registers an append and returns the token the runtime reports it back with. */
  add(partition: number, done: AppendDone): number {
    const token = this.nextToken++;
    this.byToken.set(token, { partition, done });
    return token;
  }

  /** The callback of a completed append, once: undefined for a token already completed or failed. */
  take(token: number): AppendDone | undefined {
    const a = this.byToken.get(token);
    this.byToken.delete(token);
    return a?.done;
  }

  /** Fails every append to a partition this coordinator no longer owns. */
  failPartition(partition: number, nowMs: number): void {
    for (const [token, a] of [...this.byToken]) {
      if (a.partition !== partition) continue;
      this.byToken.delete(token);
      a.done(ErrorCode.NOT_LEADER_OR_FOLLOWER, nowMs);
    }
  }
}
