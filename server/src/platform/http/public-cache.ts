import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { etagOf, notModified } from './cacheable.js';

// Reader isolation for the public pages, which many more people read than staff work: identical
// requests within a second share one answer (and one database query), and the queries public
// pages may run at once are few, so readers cannot take the database connections and CPU the
// staff's work needs. Beyond a short queue a reader gets 503 and Retry-After instead of waiting.

/**
 * Same value per key for ttlMs; then, for staleMs more, the old value is still answered at once
 * while one load refreshes it in the background (so a slow query never makes readers wait for a
 * hot page). One load per key at a time (single-flight); least recently used keys go first.
 */
export class MicroCache<T> {
  private readonly entries = new Map<string, { value: T; freshUntil: number; staleUntil: number }>();
  private readonly loading = new Map<string, Promise<T>>();
  constructor(private readonly options: { ttlMs: number; staleMs: number; maxEntries: number; now?: () => number }) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or the one load already running for this key, or a new load (a failed load is not kept). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.options.ttlMs <= 0 || this.options.maxEntries <= 0) return load();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now < hit.staleUntil) {
      // Map keeps insertion order: re-inserting marks the key as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      // A failed background refresh keeps the old value; once it is too old, a reader's own load reports the error.
      if (now >= hit.freshUntil && !this.loading.has(key)) this.load(key, load).catch(() => {});
      return Promise.resolve(hit.value);
    }
    if (hit) this.entries.delete(key);
    return this.loading.get(key) ?? this.load(key, load);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private load(key: string, load: () => Promise<T>): Promise<T> {
    const started = (async () => {
      try {
        const value = await load();
        // Freshness counts from when the value was read, not from when the load began.
        const now = this.now();
        this.entries.delete(key);
        this.entries.set(key, { value, freshUntil: now + this.options.ttlMs, staleUntil: now + this.options.ttlMs + this.options.staleMs });
        while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        return value;
      } finally {
        this.loading.delete(key);
      }
    })();
    this.loading.set(key, started);
    return started;
  }
}

const overloaded = () => new AppError('OVERLOADED', 'Too many readers right now; try again in a moment');

/** At most `max` tasks at once (0: no limit), at most `maxQueue` waiting; beyond that run() throws OVERLOADED. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly max: number,
    private readonly maxQueue: number,
  ) {}

  get running(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.max <= 0) return task();
    if (this.active < this.max) this.active++;
    else if (this.waiting.length < this.maxQueue) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw overloaded();
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** A public answer ready to send again: its ETag and its body serialized through the route's response schema. */
interface Prepared {
  etag: string;
  payload: string;
}

export type PublicReadConfig = Pick<Config, 'publicCacheMs' | 'publicCacheStaleMs' | 'publicCacheEntries' | 'publicDbConcurrency' | 'publicDbQueue'>;

/**
 * One per app: sends public GET answers from the micro-cache (keyed by the URL: the public routes
 * answer alike whoever asks, and HEAD shares GET's answer), with the same Cache-Control, ETag and
 * 304 as sendCacheable.
 */
export function publicReads(config: PublicReadConfig) {
  const cache = new MicroCache<Prepared>({ ttlMs: config.publicCacheMs, staleMs: config.publicCacheStaleMs, maxEntries: config.publicCacheEntries });
  const limit = new ConcurrencyLimit(config.publicDbConcurrency, config.publicDbQueue);
  return async function sendPublic(request: FastifyRequest, reply: FastifyReply, load: () => Promise<unknown>, cacheControl: string) {
    let prepared: Prepared;
    try {
      prepared = await cache.get(request.url, async () => {
        const body = await limit.run(load).catch((err: unknown) => {
          // The public pool's statement timeout (PostgreSQL 57014): too heavy for now, like a full queue.
          throw (err as { code?: string }).code === '57014' ? overloaded() : err;
        });
        // Through the route's 200 schema, whatever status this reply has by now: a background refresh
        // runs on the reply of a reader who may already have had a 304.
        return { etag: etagOf(body), payload: reply.serializeInput(body as Record<string, unknown>, '200') as string };
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'OVERLOADED') reply.header('retry-after', '1');
      throw err;
    }
    if (notModified(request, reply, prepared.etag, cacheControl)) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(prepared.payload);
  };
}
