// The seam where injected faults meet client requests (fault injection for tests: error codes,
// latency, interception hooks, dropped connections). The dispatcher hands each decoded client
// request to the faults in place, if any, with ways to serve it or answer it otherwise; with none
// set, the request path pays one null check.
export type Response = Buffer[] | null;

export interface FaultedRequest {
  apiKey: number;
  apiName: string;
  version: number;
  /** The decoded request body (the generated type of that API). */
  body: unknown;
  clientId: string | null;
  connectionId: number;
}

export interface FaultControls {
  /** Runs the handler as if no fault were set. */
  serve(): Response | Promise<Response>;
  /** Encodes `body` as this request's response. */
  respond(body: unknown): Response;
  /** This request's response carrying `errorCode` wherever it has room for one (nothing is served). */
  respondWithError(errorCode: number): Response;
}

export interface RequestFaults {
  /** Throwing (or rejecting) closes the connection, as for any request that fails. */
  handle(request: FaultedRequest, controls: FaultControls): Response | Promise<Response>;
}
