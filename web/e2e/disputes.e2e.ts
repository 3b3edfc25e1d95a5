import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ApiSession, loginUi, newPage, screenshot, submitDialog, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

/** A 居民身份证号码 with its GB 11643 check digit: 6-digit region, birth date, 3-digit sequence. */
function residentId(region: string, born: string, seq: string): string {
  const body = `${region}${born}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** The same number with a wrong check digit. */
const mistyped = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** Choose an option of the antd Select with this test id. */
async function pick(page: Page, testid: string, option: string): Promise<void> {
  await page.getByTestId(testid).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** Open a step's form from the action bar, fill it, submit, and fail with the server's answer if it is refused. */
async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`daction-${action}`).click();
  await page.getByTestId('daction-form').waitFor();
  if (fill) await fill();
  await submitStep(page, action);
}

const submitStep = (page: Page, name: string) => submitDialog(page, 'daction-submit', 'daction-form', name);

/** The input of an antd field whose test id sits on the input itself or on a wrapper. */
const inputOf = (page: Page, testid: string) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();

const stateOf = (page: Page) => page.getByTestId('dispute-state').getAttribute('data-state');

describe('disputes in the browser', () => {
  it('网格员 screens her grid and registers a 邻里 dispute → the community mediates, settles with terms → the 调解协议书 PDF', async () => {
    const suffix = Date.now().toString(36);
    const title = `邻里噪音与漏水纠纷-${suffix}`;
    const zhang = residentId('150303', '19850312', '123');
    const li = residentId('150303', '19900708', '246');
    const terms = ['被申请人于七日内修复卫生间防水层，费用自理', '被申请人一次性赔偿申请人天花板修补费用人民币1500元'];

    // 1. 网格员: the screening board of her grid → "found" → intake form linked to the report.
    const wg = await newPage(browser(), baseUrl);
    await loginUi(wg, 'wanggeyuan');
    const wgApi = await ApiSession.login(baseUrl, 'wanggeyuan');
    const grid = wgApi.me.scopeArea;
    expect(grid.level).toBe('grid');
    await wg.getByTestId('menu-disputes').click();
    await wg.getByTestId('menu-dispute-screening').click();
    const row = wg.locator(`[data-testid="screening-row"][data-grid="${grid.code}"]`);
    await row.waitFor();
    await screenshot(wg, 'dispute-screening-before');
    await row.getByTestId('screening-found').click();
    await wg.getByTestId('intake-form').waitFor();
    await expect.poll(() => wg.getByTestId('intake-screening').textContent()).toContain(grid.name);

    await pick(wg, 'intake-type', '邻里纠纷');
    await wg.getByTestId('intake-title').fill(title);
    await wg.getByTestId('intake-facts').fill('楼上住户卫生间长期漏水，渗到楼下天花板，双方多次争吵，楼下要求赔偿。');
    await wg.getByTestId('intake-address').fill('新桥社区3号楼2单元');
    await inputOf(wg, 'intake-amount').fill('1500');
    await pick(wg, 'intake-level', '村/社区');
    const parties = wg.getByTestId('party-row');
    await parties.nth(0).getByTestId('party-name').fill('张伟');
    // A mistyped number is refused with the shared schema's message before anything is sent.
    await parties.nth(0).getByTestId('party-id').fill(mistyped(zhang));
    await parties.nth(0).getByTestId('party-phone').click();
    await expect.poll(() => parties.nth(0).locator('.ant-form-item-explain-error').first().textContent()).toContain(`check digit should be ${zhang[17]}`);
    await parties.nth(0).getByTestId('party-id').fill(zhang);
    await parties.nth(0).getByTestId('party-phone').fill('13904731234');
    await parties.nth(1).getByTestId('party-name').fill('李娜');
    await parties.nth(1).getByTestId('party-id').fill(li);
    await screenshot(wg, 'dispute-intake');
    await wg.getByTestId('intake-submit').click();
    await wg.getByTestId('dispute-page').waitFor();
    expect(await stateOf(wg)).toBe('registered');
    expect(await wg.getByTestId('dispute-page').getAttribute('data-level')).toBe('community');
    const number = (await wg.getByTestId('dispute-number').textContent())!.trim();
    const caseUrl = new URL(wg.url()).pathname;
    // Parties are masked on screen; the grid worker is not the level's staff: no steps for her.
    await expect.poll(() => wg.getByTestId('dispute-parties').textContent()).toContain('张*');
    expect(await wg.getByTestId('dispute-parties').textContent()).not.toContain('张伟');
    expect(await wg.locator('[data-testid^="daction-"]:not([data-testid="daction-bar"])').count()).toBe(0);

    // The board counts the case for the grid this month.
    await wg.getByTestId('menu-dispute-screening').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('found');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('1');
    await screenshot(wg, 'dispute-screening-after');

    // 2. 社区 (杨慧敏, the 村/社区 level's staff): desk → my level → the case; she mediates it herself.
    const sq = await newPage(browser(), baseUrl);
    await loginUi(sq, 'shequ');
    await sq.getByTestId('menu-disputes').click();
    await sq.getByTestId('menu-dispute-desk').click();
    await sq.getByTestId('dqueue-my_level').click();
    await sq.locator(`[data-testid="dispute-row"][data-number="${number}"]`).click();
    await sq.getByTestId('dispute-page').waitFor();
    // The full identity, on demand (audited).
    await sq.getByTestId('party-reveal').first().click();
    await expect.poll(() => sq.getByTestId('dispute-parties').textContent()).toContain(zhang);
    await act(sq, 'assign', async () => {
      // On a busy machine the form may still be taking its initial values when 我来调解 is clicked: choose until it shows.
      await expect
        .poll(async () => {
          await sq.getByTestId('assign-me').click();
          return sq.getByTestId('assign-mediators').textContent();
        })
        .toContain('杨慧敏');
    });
    await expect.poll(() => stateOf(sq)).toBe('mediating');
    await expect.poll(() => sq.getByTestId('dispute-mediators').textContent()).toContain('杨慧敏');
    await act(sq, 'schedule_session', async () => {
      await sq.getByTestId('session-place').fill('新桥社区调解室');
    });
    await sq.getByTestId('session').first().waitFor();
    // The desk lists it under the next sessions.
    await sq.getByTestId('menu-dispute-desk').click();
    await expect.poll(() => sq.getByTestId('next-sessions').textContent()).toContain(number);
    await screenshot(sq, 'dispute-desk');
    await sq.goto(caseUrl);
    await sq.getByTestId('dispute-page').waitFor();

    // Two tabs record the same session: the second one is told and sees the first one's minutes.
    const other = await sq.context().newPage();
    await other.goto(caseUrl);
    await sq.getByTestId('session-record').click();
    await sq.getByTestId('session-minutes').fill('（本页稍后提交的笔录）');
    await other.getByTestId('session-record').click();
    await other.getByTestId('session-minutes').fill('双方到场。被申请人承认卫生间防水层老化导致漏水，同意修复并赔偿天花板修补费用。');
    await submitStep(other, 'record_session-other');
    await sq.getByTestId('daction-submit').click();
    await expect.poll(() => sq.locator('.ant-message-notice').textContent()).toContain('刚被他人记录');
    await expect.poll(() => sq.getByTestId('session-minutes-text').textContent()).toContain('被申请人承认卫生间防水层老化');
    await other.close();

    await act(sq, 'settle', async () => {
      await sq.getByTestId('term-text').first().fill(terms[0]!);
      await sq.getByTestId('term-add').click();
      await sq.getByTestId('term-text').nth(1).fill(terms[1]!);
      const due = inputOf(sq, 'term-due');
      await due.click();
      await due.fill('2030-12-31');
      await due.press('Enter');
    });
    await expect.poll(() => stateOf(sq)).toBe('settled');
    await expect.poll(() => sq.getByTestId('term').count()).toBe(2);

    // 3. The 调解协议书: generated, linked, downloaded; its text has the masked parties and the terms.
    await sq.getByTestId('agreement-generate').click();
    const link = sq.getByTestId('agreement-link');
    await link.waitFor();
    await screenshot(sq, 'dispute-settled');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    const res = await sq.context().request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.body())), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['人民调解协议书', number, '申请人：张*', '被申请人：李*', `${zhang.slice(0, 4)}**********${zhang.slice(-4)}`, ...terms, '2030年12月31日']) {
      expect(flat).toContain(expected);
    }
    for (const secret of ['张伟', '李娜', zhang, li]) expect(flat).not.toContain(secret);

    // The chain after mediation: 司法确认 applied for, then confirmed.
    await act(sq, 'add_chain_step', () => sq.getByTestId('chain-institution').fill('海南区人民法庭'));
    await sq.getByTestId('chain-result').click();
    await sq.getByTestId('daction-form').waitFor();
    await sq.getByRole('dialog').getByText('确认有效').click();
    await submitStep(sq, 'record_chain_result');
    await expect.poll(() => sq.getByTestId('chain-step').getAttribute('data-result')).toBe('confirmed');

    const timeline = await sq.locator('[data-testid="dtimeline-entry"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-action')}@${e.getAttribute('data-level')}`));
    expect(timeline).toEqual(expect.arrayContaining(['created@community', 'assign@community', 'schedule_session@community', 'record_session@community', 'settle@community', 'generate_agreement@community', 'add_chain_step@community', 'record_chain_result@community']));

    for (const p of [wg, sq]) await p.context().close();
  });

  it('street dispatcher: 联席会 agenda and a decision, risk and 上报 of a street case, statistics with a chart and its Excel, a studio’s record', async () => {
    const dd = await newPage(browser(), baseUrl);
    await loginUi(dd, 'diaodu');
    await dd.getByTestId('menu-disputes').click();
    await dd.getByTestId('menu-dispute-meetings').click();
    const first = dd.getByTestId('agenda-row').first();
    await first.waitFor();
    const caseNumber = (await first.getAttribute('data-number'))!;
    const decision = `由街道综治中心牵头，司法所派员于一周内组织再次调解-${Date.now().toString(36)}`;
    await first.getByTestId('agenda-decision').fill(decision);
    await dd.getByTestId('meeting-attendees').fill('街道综治中心、司法所、派出所、新桥社区');
    await dd.getByTestId('meeting-record').click();
    await expect.poll(() => dd.locator('.ant-message-notice').textContent()).toContain('1');
    await expect.poll(() => first.textContent()).toContain(decision);
    await screenshot(dd, 'dispute-meeting');
    await first.locator('a').first().click();
    await dd.getByTestId('dispute-page').waitFor();
    await expect.poll(() => dd.locator('[data-testid="dtimeline-entry"][data-action="meeting_decision"]').first().textContent()).toContain(decision);
    expect(await dd.getByTestId('dispute-number').textContent()).toBe(caseNumber);
    // The street's own case: the dispatcher lowers its risk, then sends it up to the district.
    expect(await dd.getByTestId('dispute-page').getAttribute('data-level')).toBe('street');
    await act(dd, 'assess_risk', async () => {
      await dd.getByRole('dialog').getByText('较大').click();
      await dd.getByTestId('daction-note').fill('经联席会研判，群体聚集风险已下降。');
    });
    await expect.poll(() => dd.getByTestId('dispute-risk').getAttribute('data-risk')).toBe('serious');
    await act(dd, 'escalate', () => dd.getByTestId('daction-note').fill('涉及区级补偿政策，超出街道调处能力。'));
    await expect.poll(() => dd.getByTestId('dispute-page').getAttribute('data-level')).toBe('district');
    await expect.poll(() => dd.locator('[data-testid="dtimeline-entry"][data-action="escalate"]').getAttribute('data-level')).toBe('street');

    await dd.getByTestId('menu-dispute-stats').click();
    await dd.locator('[data-testid="stats-chart"] svg').first().waitFor();
    await dd.getByTestId('stats-totals').waitFor();
    await screenshot(dd, 'dispute-stats');
    const xlsx = await dd.context().request.get((await dd.getByTestId('stats-export').getAttribute('href'))!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

    const api = await ApiSession.login(baseUrl, 'diaodu');
    const units = await api.get<{ items: { id: string; name: string }[] }>(`/api/org-units?q=${encodeURIComponent('陈姐工作室')}`);
    await dd.goto(`/disputes/studios/${units.items[0]!.id}`);
    await expect.poll(() => dd.getByTestId('studio-name').textContent()).toBe('陈姐工作室');
    await dd.getByTestId('figures').waitFor();
    await screenshot(dd, 'dispute-studio');
    await dd.context().close();
  });
});
