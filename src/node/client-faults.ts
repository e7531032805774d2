// Faults injected into one node's client traffic, for tests of what an application does when its
// broker misbehaves: queued error codes per API (librdkafka's mock cluster pushes such sequences),
// an interception hook per API that may answer, delay or pass a request (franz-go kfake's
// ControlKey), latency on every response, and refusing clients altogether (an isolated node).
// Installed on the broker listeners' dispatcher only while some fault is set.
import type { FaultControls, FaultedRequest, RequestFaults, Response } from '../broker/request-faults.js';

/** What an interception hook decides for one request; undefined (or nothing) serves it as usual. */
export type InterceptResult =
  | undefined
  | void
  /** Answer with this error code wherever the response has room for one; the request is not served. */
  | { errorCode: number }
  /** Answer with this response body (the API's generated response type); the request is not served. */
  | { response: unknown }
  /** Serve the request, then hold its response this long. */
  | { delayMs: number }
  /** Close the client's connection without answering. */
  | { close: true };

export type InterceptHook = (request: FaultedRequest) => InterceptResult | Promise<InterceptResult>;

export class ClientFaults implements RequestFaults {
  private readonly errors = new Map<number, number[]>();
  private readonly hooks = new Map<number, InterceptHook>();
  latencyMs = 0;
  refuseClients = false;

  /** The next requests of `apiKey` are answered with these error codes, one per request, in order. */
  pushErrors(apiKey: number, errorCodes: readonly number[]): void {
    this.errors.set(apiKey, [...(this.errors.get(apiKey) ?? []), ...errorCodes]);
  }

  /** Error codes still queued for `apiKey`. */
  pendingErrors(apiKey: number): number {
    return this.errors.get(apiKey)?.length ?? 0;
  }

  intercept(apiKey: number, hook: InterceptHook | null): void {
    if (hook === null) this.hooks.delete(apiKey);
    else this.hooks.set(apiKey, hook);
  }

  clear(): void {
    this.errors.clear();
    this.hooks.clear();
    this.latencyMs = 0;
    this.refuseClients = false;
  }

  /** Whether any fault is set: when none is, the dispatcher goes back to its plain path. */
  get active(): boolean {
    return this.errors.size > 0 || this.hooks.size > 0 || this.latencyMs > 0 || this.refuseClients;
  }

  handle(request: FaultedRequest, controls: FaultControls): Response | Promise<Response> {
    if (this.refuseClients) throw new Error('node isolated from clients (injected fault)');
    const queued = this.errors.get(request.apiKey);
    if (queued !== undefined) {
      const errorCode = queued.shift()!;
      if (queued.length === 0) this.errors.delete(request.apiKey);
      return this.delayed(controls.respondWithError(errorCode), this.latencyMs);
    }
    const hook = this.hooks.get(request.apiKey);
    if (hook === undefined) return this.delayed(controls.serve(), this.latencyMs);
    const decided = hook(request);
    return decided instanceof Promise ? decided.then((d) => this.apply(d, controls)) : this.apply(decided, controls);
  }

  private apply(decided: InterceptResult, controls: FaultControls): Response | Promise<Response> {
    if (!decided) return this.delayed(controls.serve(), this.latencyMs);
    if ('close' in decided) throw new Error('connection closed by an interception hook');
    if ('errorCode' in decided) return this.delayed(controls.respondWithError(decided.errorCode), this.latencyMs);
    if ('response' in decided) return this.delayed(controls.respond(decided.response), this.latencyMs);
    return this.delayed(controls.serve(), this.latencyMs + decided.delayMs);
  }

  private delayed(response: Response | Promise<Response>, delayMs: number): Response | Promise<Response> {
    if (delayMs <= 0) return response;
    return Promise.resolve(response).then((r) => new Promise<Response>((resolve) => setTimeout(() => resolve(r), delayMs)));
  }
}
