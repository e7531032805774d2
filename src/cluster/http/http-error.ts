// An HTTP answer other than 200, thrown by a route: its status and a message for the JSON body.
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
