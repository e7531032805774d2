// Plaintext sockets accepted by a net.Server read through `onread` (FrameReceiver), which Node 20
// offers only to sockets it creates from options, not to those a server accepts. The server accepts
// them paused (pauseOnConnect: nothing read yet), and a new net.Socket is made over the same handle
// with `onread`; the accepted one is left without a handle, so nothing can close it twice. The
// server's connection count moves to the new socket, so net.Server#close still waits for it.
import net from 'node:net';

/** The parts of net.Socket this relies on that Node does not document (stable since Node 12). */
interface SocketInternals {
  _handle: { readStart?: unknown } | null;
  _server: net.Server | null;
  server: net.Server | null;
}

export type OnRead = { buffer: () => Buffer; callback: (n: number) => boolean };

/** A socket over `accepted`'s handle reading through `onread`, or null where that cannot be done
 * (no handle, or bytes already read): the caller keeps `accepted` and its 'data' events. */
export function withOwnReads(accepted: net.Socket, onread: OnRead): net.Socket | null {
  const old = accepted as unknown as SocketInternals;
  const handle = old._handle;
  if (handle === null || typeof handle.readStart !== 'function' || accepted.bytesRead > 0 || accepted.destroyed) return null;
  // `handle` is how Node itself makes a socket of an accepted connection (net.Server's onconnection).
  const options = { handle, readable: true, writable: true, onread };
  const own = new net.Socket(options as net.SocketConstructorOpts);
  const moved = own as unknown as SocketInternals;
  moved._server = old._server;
  moved.server = old.server;
  old._server = null;
  old.server = null;
  old._handle = null;
  return own;
}
