import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { MatterDetail, PublicMatter, PublicMatterPage } from '@fengqiao/shared';
import { describeEachDb } from '../../../test/databases.js';
import { demoPlaces, disputeBody } from '../../../test/disputes.js';
import { DEMO_PASSWORD, loadDemo, type Demo } from '../../../test/demo.js';
import { generateCases, leakedSecrets, type RedactionCase } from '../../../test/fixtures/redaction-cases.js';
import { call, loginToken, useTestEnv, type Session } from '../../../test/test-app.js';
import { refreshPublicDocuments, sweepSearchIndex } from '../search/indexer.js';
import { matterDocument } from '../search/tokens.js';
import { redactText } from './redact.js';

// Generated texts of every class posted as public matters, read back through the real routes: the
// feed, a post's page, Open311 JSON and XML carry none of the personal data, and public search by
// a hidden name or number finds nothing, before indexing, after it, and after a stale document
// (written by an older redactor) is refreshed. A name is masked too when only a linked dispute
// case knows it as a party's.

/** No bare-name rule catches this one (博学 is a word): only a party list can (checked in beforeAll). */
const PARTY = '孙博学';
const MARKER = '公开测试';

interface Posted {
  c: RedactionCase;
  number: string;
  id: string;
}

describeEachDb('public redaction through the routes', (kind) => {
  const env = useTestEnv(kind);
  let demo: Demo;
  const s: Record<string, Session> = {};
  const posted: Posted[] = [];
  let withParty: Posted;

  const get = (url: string) => call(env().app, null, 'GET', url);
  const search = async (q: string) => {
    const res = await get(`/api/public/matters?pageSize=50&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as PublicMatterPage).items.map((i) => i.number);
  };
  const expectClean = (where: string, c: RedactionCase, text: string) => {
    expect(leakedSecrets(c, text), `${where}: ${c.text} → ${text}`).toEqual([]);
  };

  beforeAll(async () => {
    demo = await loadDemo(env().database.db, env().deps.cipher);
    for (const u of ['qunzhong', 'shequ']) s[u] = await loginToken(env().app, u, DEMO_PASSWORD);
    expect(redactText(`${PARTY}多次协商无果`)).toContain(PARTY);
    const cases = [...generateCases(4242, 2), { cls: 'known_name', text: `${PARTY}多次协商无果`, known: [], secrets: [PARTY.slice(1)], context: ['多次协商无果'] } as RedactionCase];
    for (const [i, c] of cases.entries()) {
      const res = await call(env().app, s.qunzhong!, 'POST', '/api/matters', {
        channel: 'citizen_online',
        title: i % 2 ? `${MARKER} ${c.text}`.slice(0, 100) : MARKER,
        description: c.text,
        address: '新桥社区',
        areaCode: demo.gridWorker.scope_code,
        public: true,
        ...(c.known.length ? { reporterName: c.known[0], contactPhone: '13700000000' } : { anonymous: true }),
      });
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json() as MatterDetail;
      posted.push({ c, number: m.number, id: m.id });
    }
    withParty = posted[posted.length - 1]!;
    const places = demoPlaces(demo);
    const dispute = await call(env().app, s.shequ!, 'POST', '/api/disputes', {
      ...disputeBody(places.community, { source: 'matter', matterId: withParty.id }),
      parties: [
        { role: 'applicant', kind: 'person', name: PARTY, idNumber: '150302198503121233', phone: '13912345678' },
        { role: 'respondent', kind: 'organisation', name: '乌海市鑫海物业服务有限公司', idNumber: '91150302MA0N12340J' },
      ],
    });
    expect(dispute.statusCode, dispute.body).toBe(201);
  });

  it('shows no personal data of any class in the feed, on a post’s page, or in Open311 JSON and XML', async () => {
    const feed: PublicMatterPage['items'] = [];
    for (let page = 1; ; page++) {
      const body = (await get(`/api/public/matters?pageSize=50&page=${page}`)).json() as PublicMatterPage;
      feed.push(...body.items);
      if (body.items.length < 50) break;
    }
    const json = (await get('/open311/v2/requests.json')).json() as { service_request_id: string; description: string }[];
    const xml = (await get('/open311/v2/requests.xml')).body;
    for (const p of posted) {
      const item = feed.find((i) => i.number === p.number)!;
      expectClean('feed', p.c, `${item.title}\n${item.description}`);
      for (const part of p.c.context) expect(item.description, p.c.text).toContain(part);
      const page = (await get(`/api/public/matters/${p.number}`)).json() as PublicMatter;
      expectClean('page', p.c, `${page.title}\n${page.description}`);
      expectClean('open311 json', p.c, json.find((r) => r.service_request_id === p.number)!.description);
      const request = xml.match(new RegExp(`<request><service_request_id>${p.number}</service_request_id>.*?</request>`))![0];
      expectClean('open311 xml', p.c, request.match(/<description>(.*?)<\/description>/)![1]!);
    }
  });

  /** What a person would type to find a post by what redaction hid. */
  function probes(p: Posted): string[] {
    if (['bare_name', 'bare_name_any', 'cue_name', 'known_name'].includes(p.c.cls)) {
      const name = p.c.text.match(new RegExp(`.${p.c.secrets[0]!}`))![0];
      return [name, p.c.secrets[0]!];
    }
    // The public query refuses runs of digits; Chinese numerals it takes.
    const digits = p.c.secrets.find((x) => /^\d{6,}$/.test(x));
    if (digits) return [[...digits].map((d) => '零一二三四五六七八九'[Number(d)]).join('').slice(0, 40)];
    return p.c.secrets.filter((x) => x.length >= 3 && !/\d{5,}/.test(x));
  }

  async function expectSearchHidesAll() {
    expect((await search(MARKER)).length).toBe(posted.length > 50 ? 50 : posted.length);
    for (const p of posted) {
      for (const q of probes(p)) expect(await search(q), `${q} finds ${p.c.text}`).not.toContain(p.number);
    }
  }

  it('finds no post by a name or number redaction hid, before and after indexing', async () => {
    await expectSearchHidesAll();
    const swept = await sweepSearchIndex(env().database.db, env().deps.cipher, env().clock, { full: true });
    expect(swept.completed).toBe(true);
    expect(Number((await sql<{ n: number }>`select count(*) as n from matter_search where public_tokens is not null`.execute(env().database.db)).rows[0]!.n)).toBe(posted.length);
    await expectSearchHidesAll();
  });

  it('rewrites a public document an older redactor wrote, so search stops finding the name', async () => {
    const db = env().database.db;
    await sweepSearchIndex(db, env().deps.cipher, env().clock, { full: true });
    // As an older release indexed it: the party's name unmasked.
    const raw = matterDocument(null, [MARKER, withParty.c.text]);
    await sql`update matter_search set public_tokens = ${raw}::tsvector, tokens = tokens || ${raw}::tsvector where matter_id = ${withParty.id}`.execute(db);
    expect(await search(PARTY)).toContain(withParty.number);
    expect(await refreshPublicDocuments(db, env().deps.cipher, env().clock)).toBe(1);
    expect(await search(PARTY)).not.toContain(withParty.number);
    expect(await refreshPublicDocuments(db, env().deps.cipher, env().clock)).toBe(0);
  });
});
