// Development stand-in for the real server: an in-memory implementation of the API contract
// (a tiny 乌海市 with two streets) that also serves web/dist with SPA fallback.
// Lets the web be built and the browser suite be exercised before/without the real server:
//   PORT=8090 node --import tsx web/e2e/mock-server.ts
//   E2E_BASE_URL=http://127.0.0.1:8090 npx vitest run --config web/e2e/vitest.config.ts
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const PW = 'Fengqiao#2026';

type Level = 'city' | 'district' | 'street' | 'community' | 'grid';
interface Area {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | null;
}
const sq = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const areas: Area[] = [
  { code: '150300', name: '乌海市', level: 'city', parentCode: null, geometry: sq(106.6, 39.2, 0.6) },
  { code: '150303', name: '海南区', level: 'district', parentCode: '150300', geometry: sq(106.8, 39.3, 0.2) },
  { code: '150304', name: '乌达区', level: 'district', parentCode: '150300', geometry: sq(106.65, 39.5, 0.15) },
  { code: '150303001', name: '拉僧仲街道', level: 'street', parentCode: '150303', geometry: sq(106.8, 39.3, 0.04) },
  { code: '150304001', name: '新达街道', level: 'street', parentCode: '150304', geometry: sq(106.7, 39.5, 0.02) },
  { code: '150303001001', name: '新桥社区', level: 'community', parentCode: '150303001', geometry: sq(106.8, 39.3, 0.02) },
  { code: '150303001002', name: '西桥社区', level: 'community', parentCode: '150303001', geometry: sq(106.82, 39.3, 0.02) },
  { code: '150304001001', name: '新达社区', level: 'community', parentCode: '150304001', geometry: sq(106.7, 39.5, 0.02) },
  { code: '150303001001001', name: '新桥社区第1网格', level: 'grid', parentCode: '150303001001', geometry: sq(106.8, 39.3, 0.01) },
  { code: '150303001001002', name: '新桥社区第2网格', level: 'grid', parentCode: '150303001001', geometry: sq(106.81, 39.3, 0.01) },
  { code: '150303001001003', name: '新桥社区第3网格', level: 'grid', parentCode: '150303001001', geometry: sq(106.8, 39.31, 0.01) },
  { code: '150303001002001', name: '西桥社区第1网格', level: 'grid', parentCode: '150303001002', geometry: sq(106.82, 39.3, 0.01) },
  { code: '150304001001001', name: '新达社区第1网格', level: 'grid', parentCode: '150304001001', geometry: sq(106.7, 39.5, 0.01) },
];
const areaBy = new Map(areas.map((a) => [a.code, a]));
const ALL = ['area.read', 'area.write', 'org.read', 'org.write', 'user.read', 'user.write', 'audit.read'];

const units = [
  { id: randomUUID(), name: '拉僧仲街道综治中心', kind: 'center', areaCode: '150303001', parentId: null, categories: ['dispute'], phone: '0473-1234567', createdAt: new Date().toISOString() },
  { id: randomUUID(), name: '新达街道综治中心', kind: 'center', areaCode: '150304001', parentId: null, categories: [], phone: null, createdAt: new Date().toISOString() },
];
interface MockUser {
  id: string; username: string; displayName: string; roles: string[]; unitId: string | null; scopeAreaCode: string;
  phone: string | null; disabled: boolean; lockedUntil: string | null; createdAt: string; password: string; perms: string[]; fails: number;
}
const mk = (username: string, displayName: string, roles: string[], scope: string, perms: string[], unitId: string | null = null): MockUser => ({
  id: randomUUID(), username, displayName, roles, unitId, scopeAreaCode: scope, phone: '13812345678', disabled: false, lockedUntil: null,
  createdAt: new Date().toISOString(), password: PW, perms, fails: 0,
});
const users: MockUser[] = [
  mk('admin', '系统管理员', ['admin'], '150300', ALL),
  mk('diaodu', '张调度', ['dispatcher'], '150303001', ['area.read', 'org.read', 'user.read'], units[0]!.id),
  mk('diaodu2', '李调度', ['dispatcher'], '150304001', ['area.read', 'org.read', 'user.read'], units[1]!.id),
  mk('wanggeyuan', '王网格', ['grid_worker'], '150303001001001', ['area.read']),
  mk('qunzhong', '群众甲', ['citizen'], '150303001001001', []),
];
const audit: unknown[] = [];
const sessions = new Map<string, { userId: string; csrf: string }>();

function within(code: string, scope: string): boolean {
  for (let a = areaBy.get(code); a; a = a.parentCode ? areaBy.get(a.parentCode) : undefined) if (a.code === scope) return true;
  return false;
}
const ref = (a: Area) => ({ code: a.code, name: a.name, level: a.level });
const childCount = (c: string) => areas.filter((a) => a.parentCode === c).length;
const summary = (a: Area) => ({ ...ref(a), parentCode: a.parentCode, childCount: childCount(a.code) });
function ancestors(a: Area, scope: string) {
  const out: Area[] = [];
  let p = a.parentCode ? areaBy.get(a.parentCode) : undefined;
  while (p && within(p.code, scope)) {
    out.unshift(p);
    p = p.parentCode ? areaBy.get(p.parentCode) : undefined;
  }
  return out.map(ref);
}
const toUser = (u: MockUser) => ({
  id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, unitId: u.unitId,
  unitName: units.find((x) => x.id === u.unitId)?.name ?? null, scopeAreaCode: u.scopeAreaCode,
  scopeAreaName: areaBy.get(u.scopeAreaCode)?.name ?? u.scopeAreaCode,
  phoneMasked: u.phone ? `${u.phone.slice(0, 3)}****${u.phone.slice(7)}` : null, disabled: u.disabled, lockedUntil: u.lockedUntil, createdAt: u.createdAt,
});
const unitOut = (u: (typeof units)[number]) => ({ ...u, areaName: areaBy.get(u.areaCode)?.name ?? u.areaCode });
const me = (u: MockUser, csrf: string) => ({ user: toUser(u), scopeArea: ref(areaBy.get(u.scopeAreaCode)!), permissions: u.perms, csrfToken: csrf });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, status: number, code: string, message: string, details?: unknown[]) =>
  send(res, status, { error: { code, message, ...(details ? { details } : {}), requestId: randomUUID() } });

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const s = Buffer.concat(chunks).toString();
  return s ? JSON.parse(s) : undefined;
}
const page = <T,>(items: T[], q: URLSearchParams) => {
  const p = Number(q.get('page') ?? 1), ps = Number(q.get('pageSize') ?? 20);
  return { items: items.slice((p - 1) * ps, p * ps), total: items.length, page: p, pageSize: ps };
};

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  const m = req.method ?? 'GET';
  if (!path.startsWith('/api/')) {
    let f = normalize(join(DIST, path));
    if (!f.startsWith(DIST) || !existsSync(f) || statSync(f).isDirectory()) f = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(f)] ?? 'application/octet-stream' });
    res.end(readFileSync(f));
    return;
  }
  if (path === '/api/health') return send(res, 200, { status: 'ok', database: 'pglite', version: 'mock', time: new Date().toISOString() });
  if (path === '/api/auth/login' && m === 'POST') {
    const b = await readBody(req);
    const u = users.find((x) => x.username === b?.username);
    if (u?.lockedUntil && Date.parse(u.lockedUntil) > Date.now()) return fail(res, 423, 'ACCOUNT_LOCKED', '账号已锁定，请 15 分钟后再试');
    if (!u || u.password !== b?.password || u.disabled) {
      if (u && ++u.fails >= 5) u.lockedUntil = new Date(Date.now() + 15 * 60_000).toISOString();
      return fail(res, 401, 'UNAUTHENTICATED', '用户名或密码错误');
    }
    u.fails = 0;
    const sid = randomUUID(), csrf = randomUUID();
    sessions.set(sid, { userId: u.id, csrf });
    return send(res, 200, me(u, csrf), { 'set-cookie': `fq_session=${sid}; Path=/; HttpOnly; SameSite=Strict` });
  }
  const sid = /(?:^|;\s*)fq_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const sess = sid ? sessions.get(sid) : undefined;
  const u = sess ? users.find((x) => x.id === sess.userId) : undefined;
  if (!sess || !u) return fail(res, 401, 'UNAUTHENTICATED', 'not logged in');
  if (m !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return fail(res, 403, 'CSRF_FAILED', 'bad csrf token');
  if (path === '/api/auth/me') return send(res, 200, me(u, sess.csrf));
  if (path === '/api/auth/logout') {
    sessions.delete(sid!);
    return send(res, 200, { ok: true });
  }
  const scope = u.scopeAreaCode;
  const need = (p: string) => (u.perms.includes(p) ? false : (fail(res, 403, 'FORBIDDEN', 'forbidden'), true));
  let r: RegExpExecArray | null;
  if (path === '/api/areas/resolve') {
    if (need('area.read')) return;
    const lon = Number(url.searchParams.get('lon')), lat = Number(url.searchParams.get('lat'));
    const g = areas.find((a) => a.level === 'grid' && a.geometry && (() => { const c = a.geometry.coordinates[0]!; return lon >= c[0]![0]! && lon <= c[2]![0]! && lat >= c[0]![1]! && lat <= c[2]![1]!; })());
    if (!g || !within(g.code, scope)) return send(res, 200, { grid: null, ancestors: [], reason: 'NO_GRID' });
    return send(res, 200, { grid: ref(g), ancestors: ancestors(g, scope) });
  }
  if (path === '/api/areas/import' && m === 'POST') {
    if (need('area.write')) return;
    const b = await readBody(req);
    if (!b || b.type !== 'FeatureCollection') return fail(res, 400, 'VALIDATION_FAILED', 'invalid', [{ path: 'type', message: 'expected FeatureCollection' }]);
    return send(res, 200, { created: b.features?.length ?? 0, updated: 0 });
  }
  if ((r = /^\/api\/areas\/(\d+)(\/children|\/grids)?$/.exec(path))) {
    if (need('area.read')) return;
    const a = areaBy.get(r[1]!);
    if (!a || !within(a.code, scope)) return fail(res, 404, 'NOT_FOUND', 'area not found');
    if (r[2] === '/children') return send(res, 200, areas.filter((x) => x.parentCode === a.code).map(summary));
    if (r[2] === '/grids')
      return send(res, 200, {
        type: 'FeatureCollection',
        features: areas.filter((x) => x.level === 'grid' && within(x.code, a.code)).map((g) => ({ type: 'Feature', id: g.code, properties: { code: g.code, name: g.name, level: g.level, parentCode: g.parentCode }, geometry: g.geometry })),
      });
    const c = a.geometry!.coordinates[0]!;
    return send(res, 200, { ...summary(a), geometry: a.geometry, center: [(c[0]![0]! + c[2]![0]!) / 2, (c[0]![1]! + c[2]![1]!) / 2], ancestors: ancestors(a, scope) });
  }
  if (path === '/api/org-units') {
    if (m === 'POST') {
      if (need('org.write')) return;
      const b = await readBody(req);
      if (!b?.name || b.name.length < 2) return fail(res, 400, 'VALIDATION_FAILED', 'invalid', [{ path: 'name', message: 'too short' }]);
      const n = { id: randomUUID(), parentId: null, categories: [], phone: null, createdAt: new Date().toISOString(), ...b };
      units.push(n);
      return send(res, 201, unitOut(n));
    }
    if (need('org.read')) return;
    const q = url.searchParams;
    const list = units.filter((x) => within(x.areaCode, scope) && (!q.get('areaCode') || within(x.areaCode, q.get('areaCode')!)) && (!q.get('kind') || x.kind === q.get('kind')) && (!q.get('q') || x.name.includes(q.get('q')!)));
    return send(res, 200, page(list.map(unitOut), q));
  }
  if ((r = /^\/api\/org-units\/([^/]+)$/.exec(path))) {
    if (need('org.read')) return;
    const x = units.find((y) => y.id === r![1]);
    if (!x || !within(x.areaCode, scope)) return fail(res, 404, 'NOT_FOUND', 'unit not found');
    if (m === 'PATCH') Object.assign(x, await readBody(req));
    return send(res, 200, unitOut(x));
  }
  if (path === '/api/users') {
    if (m === 'POST') {
      if (need('user.write')) return;
      const b = await readBody(req);
      const details = [];
      if (!/^[a-z][a-z0-9_.-]{2,39}$/.test(b?.username ?? '')) details.push({ path: 'username', message: 'username: 3-40 lower-case letters' });
      if ((b?.password ?? '').length < 10) details.push({ path: 'password', message: 'password: at least 10 characters' });
      if (users.some((y) => y.username === b?.username)) return fail(res, 409, 'CONFLICT', 'username taken', [{ path: 'username', message: 'already exists' }]);
      if (details.length) return fail(res, 400, 'VALIDATION_FAILED', 'invalid body', details);
      const n = mk(b.username, b.displayName, b.roles, b.scopeAreaCode, []);
      n.password = b.password;
      n.unitId = b.unitId ?? null;
      n.phone = b.phone ?? null;
      users.push(n);
      audit.push({ id: audit.length + 1, at: new Date().toISOString(), actorId: u.id, actorName: u.displayName, action: 'user.create', entity: 'user', entityId: n.id, before: null, after: toUser(n), requestId: randomUUID() });
      return send(res, 201, toUser(n));
    }
    if (need('user.read')) return;
    const q = url.searchParams;
    const list = users.filter((y) => within(y.scopeAreaCode, scope) && (!q.get('q') || y.username.includes(q.get('q')!) || y.displayName.includes(q.get('q')!)) && (!q.get('role') || y.roles.includes(q.get('role')!)));
    return send(res, 200, page(list.map(toUser), q));
  }
  if ((r = /^\/api\/users\/([^/]+)$/.exec(path))) {
    if (need('user.read')) return;
    const x = users.find((y) => y.id === r![1]);
    if (!x || !within(x.scopeAreaCode, scope)) return fail(res, 404, 'NOT_FOUND', 'user not found');
    if (m === 'PATCH') {
      const b = await readBody(req);
      if (b.unlock) { x.lockedUntil = null; x.fails = 0; delete b.unlock; }
      Object.assign(x, b);
    }
    return send(res, 200, toUser(x));
  }
  if (path === '/api/audit') {
    if (need('audit.read')) return;
    return send(res, 200, page([...audit].reverse(), url.searchParams));
  }
  return fail(res, 404, 'NOT_FOUND', 'no route');
}).listen(Number(process.env.PORT ?? 8090), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`mock server on ${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 8090}`);
});
