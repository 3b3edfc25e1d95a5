import { ErrorBody, type ErrorCode } from '@fengqiao/shared';
import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** Every non-2xx answer becomes an ApiError carrying the server's code, message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: FieldError[] = [],
    readonly requestId: string | null = null,
    /** From the Retry-After header of a 429 or 503 answer. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();
/** Called on a 401 from any request except login itself: the app goes back to the login page. */
export function onUnauthorized(fn: UnauthorizedListener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  schema?: z.ZodType<T>;
  /** Do not treat 401 as "session expired" (the login form handles its own 401). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** Send this file/blob as the raw body with its own content type instead of JSON `body`. */
  rawBody?: Blob;
  /** Fetch cache mode: 'no-cache' revalidates a cacheable public answer (ETag) instead of reusing it. */
  cache?: RequestCache;
}

export function buildUrl(path: string, query?: RequestOptions<unknown>['query']): string {
  if (!query) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T = unknown>(path: string, opts: RequestOptions<T> = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.rawBody) headers['content-type'] = opts.rawBody.type || 'application/octet-stream';
  Object.assign(headers, opts.headers);
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : null),
      signal: opts.signal ?? null,
      ...(opts.cache ? { cache: opts.cache } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }

  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }

  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    const retryAfter = Number(res.headers.get('retry-after'));
    const err = parsed.success
      ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details ?? [], parsed.data.error.requestId, retryAfter > 0 ? retryAfter : null)
      : new ApiError(res.status, res.status === 404 ? 'NOT_FOUND' : res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', text.slice(0, 200) || res.statusText);
    if (res.status === 401 && !opts.noAuthRedirect) {
      for (const fn of unauthorizedListeners) fn();
    }
    throw err;
  }

  if (opts.schema) {
    const r = opts.schema.safeParse(json);
    if (!r.success) {
      // The contract is shared; a mismatch is a bug worth seeing in the console, not a crash.
      console.warn(`response of ${method} ${path} does not match schema`, r.error.issues.slice(0, 5));
      return json as T;
    }
    return r.data;
  }
  return json as T;
}

/** A fresh Idempotency-Key: a retried create with the same key returns what the first attempt made. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** An Idempotency-Key bound to the request it was made for. */
export interface IdempotentSend {
  key: string;
  /** The body, as sent under `key`. */
  body: string;
}

/**
 * The key for sending `body`: the same as last time while the body is unchanged (a retry after a
 * lost answer gets the first attempt's result), a new one once it changed (the server answers 422
 * to one key with two different bodies).
 */
export function idempotencyFor(last: Partial<IdempotentSend> | null | undefined, body: unknown): IdempotentSend {
  const json = JSON.stringify(body);
  return last?.key && last.body === json ? { key: last.key, body: json } : { key: newIdempotencyKey(), body: json };
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;
