import type { LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '@fengqiao/shared';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { ROLE_GRANTS } from '../src/platform/policy/policy.js';
import type { RoutePolicy } from '../src/platform/http/route-policy.js';
import { describeEachDb } from './databases.js';
import { expectErrorShape, pathsOf } from './error-contract.js';
import { makeArea, makeUser, type MadeArea } from './factories.js';
import { operationsOf, urlOf, withField, type HostileCase, type OpenApiDocument, type OperationCases } from './openapi-cases.js';
import { call, loginToken, useTestEnv, type Session } from './test-app.js';

// Every route of the API document, every input of it, every hostile value of its kind (lone
// surrogates, NUL, impossible dates, over-long text, wrong types, numbers past int4/int8, lists
// too long): each is a 4xx in the error contract naming the field — never a 5xx, never the
// database's own refusal — and the database is left exactly as it was. Sent as an admin, or as
// the first role (citizen next) the route's policy grants when the admin's is not enough.

const toColon = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

describeEachDb('hostile input sweep over the OpenAPI document', (kind) => {
  const env = useTestEnv(kind);
  const sessions = new Map<Role, Session>();
  let doc: OpenApiDocument;
  let city: MadeArea;
  let digestSql = '';

  beforeAll(async () => {
    const { app, database } = env();
    city = await makeArea(database.db, { level: 'city' });
    doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(database.db);
    digestSql = tables.rows.map(({ t }) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`).join(' union all ');
  });

  /** Every row of every table, hashed: equal before and after means nothing was written. */
  const digest = async () => JSON.stringify((await sql.raw<{ t: string; h: string }>(digestSql).execute(env().database.db)).rows);

  const sessionFor = async (policy: RoutePolicy): Promise<Session> => {
    const granted = (r: Role) => policy === 'public' || policy === 'authenticated' || ROLE_GRANTS[r].includes(policy);
    const role = (['admin', 'citizen', ...ROLES] as Role[]).find(granted)!;
    if (!sessions.has(role)) {
      const user = await makeUser(env().database.db, { roles: [role], scope: city });
      sessions.set(role, await loginToken(env().app, user.username, user.password));
    }
    return sessions.get(role)!;
  };

  const send = (op: OperationCases, c: HostileCase, session: Session) => {
    const params = c.where === 'path' ? { ...op.params, [c.field.slice('params.'.length)]: c.value as string } : op.params;
    const query = c.where === 'query' ? { ...op.query, [c.field.slice('querystring.'.length)]: c.value } : op.query;
    const headers = c.where === 'header' ? { ...op.headers, [c.field.slice('headers.'.length)]: c.value as string } : op.headers;
    const body = c.where === 'body' ? withField(op.body, c.field, c.value) : op.body;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return call(env().app, session, op.method, urlOf(op.path, params, query), payload, { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) });
  };

  /** What is wrong with the answer to a hostile case, or null. */
  const judge = (res: LightMyRequestResponse, c: HostileCase): string | null => {
    if (res.statusCode >= 500 || res.statusCode < 400) return `${res.statusCode} ${res.body.slice(0, 160)}`;
    try {
      const error = expectErrorShape(res);
      const named = res.statusCode === 400 && error.code === 'VALIDATION_FAILED' && pathsOf(error).some((p) => p === c.field || p.startsWith(`${c.field}.`));
      if (named || (c.orMissing && res.statusCode === 404)) return null;
      return `${res.statusCode} does not name ${c.field}: ${res.body.slice(0, 160)}`;
    } catch (err) {
      return `outside the error contract: ${(err as Error).message.slice(0, 160)}`;
    }
  };

  it('has every declared API route in the document, so the sweep sees it', () => {
    const documented = new Set(operationsOf(doc).map((op) => `${op.method} ${toColon(op.path)}`));
    expect(env().app.apiRoutes.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r))).toEqual([]);
  });

  it('answers every hostile value on every route with a 4xx naming the field, and writes nothing', async () => {
    const operations = operationsOf(doc);
    const failures: string[] = [];
    const sent: Record<string, number> = {};
    for (const op of operations) {
      const route = env().app.apiRoutes.find((r) => r.method === op.method && r.url === toColon(op.path))!;
      const session = await sessionFor(route.policy);
      const before = await digest();
      for (const c of op.cases) {
        sent[c.where] = (sent[c.where] ?? 0) + 1;
        const problem = judge(await send(op, c, session), c);
        if (problem) failures.push(`${op.method} ${op.path} ${c.field} (${c.label}): ${problem}`);
      }
      if ((await digest()) !== before) failures.push(`${op.method} ${op.path}: the database changed`);
    }
    const routes = new Set(operations.map((op) => `${op.method} ${op.path}`)).size;
    const cases = Object.values(sent).reduce((a, b) => a + b, 0);
    console.info(`hostile-input sweep [${kind}]: ${routes} routes, ${cases} cases ${JSON.stringify(sent)}, ${failures.length} failures${failures.length ? `\n${failures.join('\n')}` : ''}`);
    expect(failures).toEqual([]);
    expect(routes).toBeGreaterThanOrEqual(100);
  }, 600_000);
});
