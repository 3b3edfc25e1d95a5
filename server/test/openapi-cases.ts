// Requests made from the API's own OpenAPI document (GET /api/docs/json): for every operation a
// plausible sample request, and for every input of it (path and query parameters, headers, each
// field of a JSON body, nested ones included) the hostile values of its kind. The hostile-input
// sweep sends them; a route added to the API is covered without a line of test code.

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
/** Values for pattern-only strings: the first that matches a field's pattern is its sample. */
const PATTERN_SAMPLES = ['150303001001', 'environment.air', '13912345678', '0473-1234567', 'sweep.user', '123456', 'sweep-key-0001', 'matter', '2026-11'];
const WORDS = '枫桥经验矛盾不上交平安不出事服务不缺位';

/** Deterministic text of `n` characters that compresses badly (a long run of one letter would slip under index size limits). */
export function incompressible(n: number): string {
  let seed = 20261130;
  let out = '';
  while (out.length < n) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += 'abcdefghijklmnopqrstuvwxyz0123456789'[seed % 36];
  }
  return out;
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const variantOf = (s: JsonSchema) => (s.oneOf ?? s.anyOf)?.find((v) => typeOf(v) !== 'null');

/** A value the schema accepts as far as its JSON Schema tells (refinements aside). */
export function sample(s: JsonSchema): unknown {
  const variant = variantOf(s);
  if (variant) return sample(variant);
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items ?? {}));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.maximum !== undefined ? Math.min(1, s.maximum) : 1);
    case 'boolean':
      return false;
    case 'string':
      return sampleString(s);
    default:
      return 'x';
  }
}

function sampleString(s: JsonSchema): string {
  if (s.format === 'uuid') return NO_SUCH_ID;
  if (s.format === 'date') return '2026-12-01';
  if (s.format === 'date-time') return '2026-12-01T10:00:00+08:00';
  if (s.pattern) return PATTERN_SAMPLES.find((c) => new RegExp(s.pattern!, 'u').test(c)) ?? 'x';
  const n = Math.max(s.minLength ?? 0, 4);
  return WORDS.repeat(Math.ceil(n / WORDS.length)).slice(0, Math.min(n, s.maxLength ?? n));
}

export type Where = 'path' | 'query' | 'header' | 'body';

/** One hostile request: an input of an operation set to a hostile value, everything else the sample. */
export interface HostileCase {
  where: Where;
  /** Field path as the error contract names it: params.id, querystring.q, headers.x, parties.0.name */
  field: string;
  label: string;
  value: unknown;
  /** A path id past int4 may be a bigint that addresses nothing: the 404 of a missing record is right too. */
  orMissing?: true;
}

const DATES = ['2026-02-31', '2026-13-45', '2026-02-29', '2026-00-10', '2026-04-31', '0000-01-01', '2026-1-5'];
const DATE_TIMES = [
  '2026-02-31T10:00:00+08:00',
  '2026-13-45T10:00:00+08:00',
  '2026-02-29T10:00:00+08:00',
  '2026-12-01T24:00:00+08:00',
  '2026-12-01T10:60:00+08:00',
  '2026-12-01T10:00:00+16:00',
  '0000-01-01T00:00:00Z',
];
const MONTHS = ['2026-13', '2026-00', '0000-01'];

/** The hostile values for one input, by its schema and where it travels. */
export function hostileValues(s: JsonSchema, where: Where): Omit<HostileCase, 'where' | 'field'>[] {
  const named = (label: string, value: unknown) => ({ label, value });
  const t = typeOf(variantOf(s) ?? s);
  const schema = variantOf(s) ?? s;
  // A union of types (a GeoJSON id is a string or a number) has no wrong type to send.
  const oneType = (s.oneOf ?? s.anyOf ?? [s]).filter((v) => typeOf(v) !== 'null').length === 1;
  const out: Omit<HostileCase, 'where' | 'field'>[] = [];
  if (t === 'string') {
    out.push(named('lone high surrogate', 'ab\uD800cd'), named('lone low surrogate', '\uDC00'), named('NUL', 'ab\u0000cd'));
    out.push(named('over-long', incompressible((schema.maxLength ?? 10_000) + 1)));
    if (where === 'body' && oneType) out.push(named('a number for a string', 12345));
    if (where === 'query') out.push(named('repeated (an array)', ['a', 'b']));
    if (schema.format === 'date') out.push(...DATES.map((d) => named(`impossible day ${d}`, d)));
    if (schema.format === 'date-time') out.push(...DATE_TIMES.map((d) => named(`impossible time ${d}`, d)));
    if (schema.pattern?.startsWith('^\\d{4}-(0[1-9]')) out.push(...MONTHS.map((m) => named(`impossible month ${m}`, m)));
  } else if (t === 'integer' || t === 'number') {
    // Integers of bodies and queries fit int4 (the database's int); a path id may be a bigint. A
    // decimal field may take 2^31 (an amount in yuan).
    const pastInt4 = t === 'integer' || schema.maximum === undefined || schema.maximum < 2 ** 31 ? [{ ...named('past int4', where === 'body' ? 2 ** 31 : String(2 ** 31)), ...(where === 'path' ? { orMissing: true as const } : {}) }] : [];
    if (where === 'body') out.push(named('a string for a number', '12'), named('1e308', 1e308), named('-1e308', -1e308), named('past int8', 2 ** 63), ...pastInt4);
    else out.push(named('letters', 'abc'), named('NaN', 'NaN'), named('Infinity', 'Infinity'), named('1e400', '1e400'), named('past int8', '9223372036854775808'), ...pastInt4);
    if (t === 'integer') out.push(named('a fraction', where === 'body' ? 1.5 : '1.5'));
  } else if (t === 'boolean') {
    out.push(named('a string for a boolean', where === 'body' ? 'yes' : 'maybe'));
  } else if (t === 'array' && where === 'body') {
    out.push(named('too many items', Array.from({ length: (schema.maxItems ?? 10_000) + 1 }, () => sample(schema.items ?? {}))), named('a string for a list', 'x'));
  }
  return out;
}

/** Every leaf (and list) of a body schema with its field path; a nested oneOf is walked in its first variant. */
function bodyFields(s: JsonSchema, path: string[] = []): { field: string[]; schema: JsonSchema }[] {
  const schema = variantOf(s) ?? s;
  const t = typeOf(schema);
  if (t === 'object') return Object.entries(schema.properties ?? {}).flatMap(([k, v]) => bodyFields(v, [...path, k]));
  if (t === 'array') return [{ field: path, schema }, ...bodyFields(schema.items ?? {}, [...path, '0'])];
  return path.length ? [{ field: path, schema: s }] : [];
}

/** One way to call an operation: a sample request and the hostile cases around it (a oneOf body gives one per variant). */
export interface OperationCases {
  method: string;
  /** The OpenAPI path, /api/areas/{code} */
  path: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  cases: HostileCase[];
}

export function operationsOf(doc: OpenApiDocument): OperationCases[] {
  const out: OperationCases[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params: Record<string, string> = {};
      const query: Record<string, unknown> = {};
      const headers: Record<string, string> = {};
      const cases: HostileCase[] = [];
      for (const p of op.parameters ?? []) {
        const value = sample(p.schema);
        if (p.in === 'path') params[p.name] = String(value);
        // Optional query fields and headers stay out of the sample: only the one attacked is sent.
        else if (p.in === 'query' && p.required) query[p.name] = value;
        else if (p.in === 'header' && p.required) headers[p.name] = String(value);
        const field = p.in === 'path' ? `params.${p.name}` : p.in === 'query' ? `querystring.${p.name}` : `headers.${p.name}`;
        const where: Where = p.in;
        for (const h of hostileValues(p.schema, where)) {
          // A URL or a header carries text only; a list only as a repeated query field.
          if (typeof h.value !== 'string' && !(where === 'query' && Array.isArray(h.value))) continue;
          cases.push({ ...h, where, field });
        }
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      const variants = body ? (body.oneOf ?? [body]) : [undefined];
      if (body) cases.push({ where: 'body', field: '(body)', label: 'a list for the body', value: [] });
      variants.forEach((variant, i) => {
        const bodyCases = variant ? bodyFields(variant).flatMap(({ field, schema }) => hostileValues(schema, 'body').map((h) => ({ ...h, where: 'body' as const, field: field.join('.') }))) : [];
        // The parameters are attacked once, with the first variant's body.
        out.push({ method: method.toUpperCase(), path, params, query, headers, body: variant ? sample(variant) : undefined, cases: [...(i === 0 ? cases : []), ...bodyCases] });
      });
    }
  }
  return out;
}

/** Sets `value` at a dotted field path inside a copy of `body`. */
export function withField(body: unknown, field: string, value: unknown): unknown {
  if (field === '(body)') return value;
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = field.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy;
}

/**
 * Percent-encoding for a URL, lone surrogates included: they can only travel as the three bytes
 * UTF-8 would give them (%ED%A0%80), which is not UTF-8; encodeURIComponent refuses them.
 */
export function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** The concrete URL of an operation with its path parameters and query. */
export function urlOf(path: string, params: Record<string, string>, query: Record<string, unknown>): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => percentEncode(params[name] ?? ''));
  const pairs = Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${percentEncode(k)}=${percentEncode(String(one))}`));
  return pairs.length ? `${filled}?${pairs.join('&')}` : filled;
}
