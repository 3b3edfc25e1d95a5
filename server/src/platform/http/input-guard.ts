import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid, type ErrorDetail } from '../errors.js';

// Characters no field of the API accepts, checked once for every request before its schema:
// NUL (PostgreSQL text cannot hold it) and an unpaired UTF-16 surrogate such as "\ud800" (not
// Unicode text at all; PostgreSQL refuses it inside json), which would otherwise reach the
// database from any string a schema lets through and come back as a 500; the other control
// characters but tab and line breaks, and the bidirectional overrides and isolates (U+202A–U+202E,
// U+2066–U+2069), which no one types and which make text shown to others read other than it is.

/** With the u flag a well-formed pair is one code point, so only a lone surrogate matches. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;
/**
 * Headers arrive as latin1, so a cookie another site on the domain set with raw UTF-8 bytes reads
 * as C1 controls: there only what would reach the database as a 500 is refused.
 */
const FORBIDDEN_IN_HEADERS = /[\u0000\uD800-\uDFFF]/u;
const MAX_DETAILS = 10;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function problemOf(s: string, forbidden = FORBIDDEN): string | null {
  const found = forbidden.exec(s);
  if (!found) return null;
  const c = found[0];
  if (c === '\u0000') return 'must not contain NUL (U+0000)';
  if (c >= '\uD800' && c <= '\uDFFF') return 'must not contain an unpaired surrogate (U+D800–U+DFFF): it is not valid Unicode text';
  if (c >= '\u202A') return `must not contain a bidirectional override (${codePoint(c)}): it makes the text read other than it is`;
  return `must not contain the control character ${codePoint(c)}`;
}

/** A key as it can be read in a field path ("\u0000" rather than the character itself). */
const readable = (key: string) => (FORBIDDEN.test(key) ? JSON.stringify(key).slice(1, -1) : key);

/**
 * Every string in `root` (object keys included) with a forbidden character, as field paths
 * under `prefix`. Iterative: a hostile body may nest arrays thousands deep.
 */
function scan(root: unknown, prefix: string[], out: ErrorDetail[], forbidden = FORBIDDEN): void {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: prefix }];
  while (stack.length && out.length < MAX_DETAILS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = problemOf(value, forbidden);
      if (problem) out.push({ path: path.join('.') || '(body)', message: problem });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, String(i)] });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const keyProblem = problemOf(key, forbidden);
        if (keyProblem) out.push({ path: [...path, readable(key)].join('.'), message: `the field name ${keyProblem}` });
        stack.push({ value: child, path: [...path, readable(key)] });
      }
    }
  }
}

/** Whether percent-decoding `s` gives text (a lone surrogate's %ED%A0%80, or a stray %, does not). */
export function percentDecodes(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Query fields whose percent-encoding is not UTF-8 (a lone surrogate can only travel in a URL as
 * %ED%A0%80): the query parser would quietly hand them on as something else.
 */
function undecodableQuery(url: string, out: ErrorDetail[]): void {
  const at = url.indexOf('?');
  if (at < 0) return;
  for (const part of url.slice(at + 1).split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (percentDecodes(part)) continue;
    out.push({ path: percentDecodes(key) ? `querystring.${decodeURIComponent(key.replaceAll('+', ' '))}` : 'querystring', message: 'is not valid percent-encoded UTF-8 text' });
    if (out.length >= MAX_DETAILS) return;
  }
}

/** The offending fields of a request: path parameters, query, headers and a parsed (JSON or form) body. */
export function forbiddenCharacters(request: Pick<FastifyRequest, 'url' | 'params' | 'query' | 'headers' | 'body'>): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  undecodableQuery(request.url, out);
  scan(request.params, ['params'], out);
  scan(request.query, ['querystring'], out);
  scan(request.headers, ['headers'], out, FORBIDDEN_IN_HEADERS);
  scan(request.body, [], out);
  return out;
}

/** Refuses, with 400 VALIDATION_FAILED naming each field, any request holding a FORBIDDEN character. */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // An unknown route stays a 404, whatever its URL holds.
    if (request.is404) return;
    const details = forbiddenCharacters(request);
    if (details.length) throw invalid(`Invalid characters in ${details.map((d) => d.path).join(', ')}`, details);
  });
}
