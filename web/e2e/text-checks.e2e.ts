import { describe, expect, inject, it } from 'vitest';
import { ApiSession, loginUi, newPage, screenshot, useBrowser } from './harness.js';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

interface Matter {
  id: string;
  number: string;
  state: string;
  timeline: { action: string; data: Record<string, unknown> | null }[];
}

describe('text checks in the browser', () => {
  it('可能重复 on the report form, scored look-alikes at triage, and the reply check before 反馈', async () => {
    const tag = Date.now().toString(36);
    const wgApi = await ApiSession.login(baseUrl, 'wanggeyuan');
    const grid = wgApi.me.scopeArea.code;
    const report = (title: string, description: string) =>
      wgApi.post<Matter>('/api/matters', { channel: 'grid_report', title, description, address: '新桥社区7号楼', areaCode: grid });
    const first = await report(`7号楼楼道灯不亮-${tag}`, '新桥社区7号楼二单元楼道灯全部不亮，晚上上下楼看不见');
    const second = await report(`楼道里一片黑-${tag}`, '7号楼二单元楼道的灯坏了好几天，老人上下楼很危险');

    // 1. The grid worker starts a third report of the same thing: the form warns before submitting.
    const wg = await newPage(browser(), baseUrl);
    await loginUi(wg, 'wanggeyuan');
    await wg.getByTestId('menu-matter-new').click();
    await wg.getByTestId('report-form').waitFor();
    await wg.getByTestId('report-title').fill('7号楼楼道灯坏了');
    await wg.getByTestId('report-description').fill('二单元楼道灯不亮，晚上很黑');
    await wg.getByTestId('report-area-code').fill(grid);
    await wg.getByTestId('duplicate-hints').waitFor({ timeout: 15_000 });
    // (A retried run finds the first run's reports too.)
    await expect.poll(() => wg.getByTestId('duplicate-hints').textContent()).toContain(second.number);
    const hints = await wg.getByTestId('duplicate-hints').textContent();
    expect(hints).toContain(first.number);
    expect(hints).toContain('文本相似');
    await screenshot(wg, 'duplicate-hints');

    // 2. The dispatcher triages the second report: the first is listed with its score and reasons.
    const dd = await newPage(browser(), baseUrl);
    await loginUi(dd, 'diaodu');
    await dd.goto(`/matters/${second.id}`);
    await dd.getByTestId('action-dispatch').click();
    await dd.getByTestId('triage-panel').waitFor();
    const row = dd.getByTestId('triage-duplicate').first();
    await row.waitFor();
    expect(await row.textContent()).toContain(first.number);
    const reasons = await row.getByTestId('duplicate-reasons').textContent();
    expect(reasons).toContain('同一网格');
    expect(reasons).toMatch(/文本相似 0\.\d\d/);
    expect(Number(await row.getAttribute('data-score'))).toBeGreaterThanOrEqual(0.5);
    await screenshot(dd, 'triage-duplicates');
    await dd.context().close();

    // 3. Dispatched and accepted (through the API), the unit writes a formula reply: the form
    //    shows the flags, and the second submit sends it anyway.
    const ddApi = await ApiSession.login(baseUrl, 'diaodu');
    const category = 'urban_construction.old_community';
    const triage = await ddApi.get<{ unit: { id: string } }>(`/api/matters/${second.id}/triage?categoryCode=${category}`);
    await ddApi.post(`/api/matters/${second.id}/actions`, { action: 'dispatch', categoryCode: category, unitId: triage.unit.id });
    const cbApi = await ApiSession.login(baseUrl, 'chengban');
    await cbApi.post(`/api/matters/${second.id}/actions`, { action: 'accept' });

    const cb = await newPage(browser(), baseUrl);
    await loginUi(cb, 'chengban');
    await cb.goto(`/matters/${second.id}`);
    await cb.getByTestId('action-reply').click();
    await cb.getByTestId('action-form').waitFor();
    await cb.getByTestId('action-note').fill('您好！您的留言已收悉，已转相关部门处理，感谢您对我们工作的支持！');
    await cb.getByTestId('action-submit').click();
    await cb.getByTestId('reply-check').waitFor();
    const codes = await cb.getByTestId('reply-flag').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['boilerplate', 'no_concrete_answer']));
    expect(await cb.getByTestId('action-submit').textContent()).toContain('仍然提交');
    await screenshot(cb, 'reply-check');
    // Revising the text clears the flags (and the next submit checks again); back to the checked text, 仍然提交 sends it.
    await cb.getByTestId('action-note').fill('经现场核实，7号楼二单元楼道灯线路老化，已更换线路和灯具6盏，现已恢复照明。');
    await expect.poll(() => cb.getByTestId('reply-check').count()).toBe(0);
    expect(await cb.getByTestId('action-submit').textContent()).not.toContain('仍然提交');
    await cb.getByTestId('action-note').fill('您好！您的留言已收悉，已转相关部门处理，感谢您对我们工作的支持！');
    await cb.getByTestId('reply-check').waitFor();
    await cb.getByTestId('action-submit').click();
    await cb.getByTestId('action-form').waitFor({ state: 'detached' });
    await expect.poll(() => cb.getByTestId('matter-state').textContent()).toBe('已反馈');

    const after = await cbApi.get<Matter>(`/api/matters/${second.id}`);
    expect(after.timeline.find((e) => e.action === 'reply')?.data?.replyFlags).toEqual(expect.arrayContaining(['boilerplate']));
    for (const p of [wg, cb]) await p.context().close();
  });
});
