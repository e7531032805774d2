// Outbound requests in flight (Kafka's RequestManager): at most one per destination, each with a
// token that its response must carry, a timeout, and a backoff before the next try after a failure.
// Tokens never repeat within a process, so a response to a request of an earlier role is ignored.

interface InFlight {
  destinationId: number;
  apiKey: number;
  deadlineMs: number;
}

export class RequestTracker {
  private nextToken = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly tokenByDestination = new Map<number, number>();
  private readonly backoffUntilMs = new Map<number, number>();

  canSend(destinationId: number, nowMs: number): boolean {
    return !this.tokenByDestination.has(destinationId) && (this.backoffUntilMs.get(destinationId) ?? -Infinity) <= nowMs;
  }

  hasInFlight(): boolean {
    return this.inFlight.size > 0;
  }

  register(destinationId: number, apiKey: number, nowMs: number, timeoutMs: number): number {
    const token = this.nextToken++;
    this.inFlight.set(token, { destinationId, apiKey, deadlineMs: nowMs + timeoutMs });
    this.tokenByDestination.set(destinationId, token);
    this.backoffUntilMs.delete(destinationId);
    return token;
  }

  /** Accepts a response: true when it answers a request in flight from that node for that API. */
  complete(token: number, sourceId: number, apiKey: number): boolean {
    const request = this.inFlight.get(token);
    if (request === undefined || request.destinationId !== sourceId || request.apiKey !== apiKey) return false;
    this.remove(token, request);
    return true;
  }

  /** The request failed (no answer, an error answer): the destination waits backoffMs. */
  fail(token: number, nowMs: number, backoffMs: number): void {
    const request = this.inFlight.get(token);
    if (request === undefined) return;
    this.remove(token, request);
    this.backoff(request.destinationId, nowMs, backoffMs);
  }

  backoff(destinationId: number, nowMs: number, backoffMs: number): void {
    this.backoffUntilMs.set(destinationId, nowMs + backoffMs);
  }

  expire(nowMs: number, backoffMs: number): void {
    for (const [token, request] of this.inFlight) {
      if (request.deadlineMs <= nowMs) this.fail(token, nowMs, backoffMs);
    }
  }

  /** A new role starts with no requests in flight and no backoffs. */
  reset(): void {
    this.inFlight.clear();
    this.tokenByDestination.clear();
    this.backoffUntilMs.clear();
  }

  nextDeadlineMs(nowMs: number): number {
    let next = Infinity;
    for (const request of this.inFlight.values()) next = Math.min(next, request.deadlineMs);
    for (const until of this.backoffUntilMs.values()) if (until > nowMs) next = Math.min(next, until);
    return next;
  }

  private remove(token: number, request: InFlight): void {
    this.inFlight.delete(token);
    if (this.tokenByDestination.get(request.destinationId) === token) this.tokenByDestination.delete(request.destinationId);
  }
}
