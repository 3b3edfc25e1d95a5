import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { requireActor } from '../../platform/policy/policy.js';
import { onUserChanged } from './events.js';
import { unreadCount } from './repository.js';

/** Re-count at least this often, for changes made by other server processes. */
export const POLL_MS = 15_000;
/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

/** The open streams of one app, so closing the app can end them (else close waits forever). */
export class StreamRegistry {
  private readonly open = new Set<() => void>();
  add(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  endAll(): void {
    for (const end of [...this.open]) end();
  }
}

/**
 * Server-Sent Events: `event: unread` with `{"count":n}` on connect and whenever the count
 * changes. `once=true` sends the current count and ends (for clients that cannot hold a stream;
 * EventSource reconnects after the `retry` it was given).
 */
export function serveUnreadStream(db: Kysely<DB>, registry: StreamRegistry, req: FastifyRequest, reply: FastifyReply, once: boolean): void {
  const userId = requireActor(req.actor).id;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no', // nginx: do not buffer the stream
    'x-content-type-options': 'nosniff',
    'x-request-id': req.id,
  });
  res.write('retry: 5000\n\n');

  let closed = false;
  let last = -1;
  let running: Promise<void> | null = null;
  let again = false;

  // One count at a time; a change arriving meanwhile triggers one more count afterwards.
  const refresh = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        const count = await unreadCount(db, userId);
        if (!closed && count !== last) {
          last = count;
          res.write(`event: unread\ndata: ${JSON.stringify({ count })}\n\n`);
        }
      } catch (err) {
        req.log.warn({ err }, 'unread count for stream failed');
      } finally {
        running = null;
        if (again && !closed) {
          again = false;
          refresh();
        } else if (once) {
          end();
        }
      }
    })();
  };

  const unsubscribe = onUserChanged(userId, refresh);
  const poll = setInterval(refresh, POLL_MS);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  poll.unref();
  heartbeat.unref();
  // On app close: end the stream and drop the connection, so the server need not wait for the client.
  const unregister = registry.add(() => {
    end();
    res.socket?.destroySoon();
  });

  function cleanup() {
    if (closed) return;
    closed = true;
    unsubscribe();
    unregister();
    clearInterval(poll);
    clearInterval(heartbeat);
  }
  function end() {
    cleanup();
    if (!res.writableEnded) res.end();
  }
  res.on('close', cleanup); // the client went away, or we ended
  refresh();
}
