import ExcelJS from 'exceljs';
import type { DisputeStatsQuery, DisputeStatsRow } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { disputeStats, GROUP_LABELS } from './stats.js';

// The statistics as an Excel workbook for monthly reports: the same rows as GET /api/dispute-stats,
// then 合计, with Chinese headers (the sheet goes to a 综治中心's staff).
const COLUMNS: { header: string; key: keyof DisputeStatsRow; width: number; numFmt?: string }[] = [
  { header: '编码', key: 'key', width: 16 },
  { header: '受理数', key: 'cases', width: 10 },
  { header: '调解成功', key: 'settled', width: 10 },
  { header: '调解不成', key: 'failed', width: 10 },
  { header: '撤回', key: 'withdrawn', width: 8 },
  { header: '终止', key: 'terminated', width: 8 },
  { header: '在办', key: 'open', width: 8 },
  { header: '化解率', key: 'resolutionRate', width: 10, numFmt: '0.00%' },
  { header: '涉及金额（元）', key: 'amountInvolved', width: 16, numFmt: '#,##0.00' },
  { header: '调解成功金额（元）', key: 'amountSettled', width: 18, numFmt: '#,##0.00' },
  { header: '涉及人数', key: 'people', width: 10 },
];

export async function exportDisputeStats(ctx: Ctx, q: DisputeStatsQuery): Promise<{ file: Buffer; name: string }> {
  const stats = await disputeStats(ctx, q);
  const book = new ExcelJS.Workbook();
  book.creator = 'Fengqiao 枫桥';
  const sheet = book.addWorksheet('矛盾纠纷统计');
  sheet.columns = [{ header: GROUP_LABELS[stats.groupBy], key: 'label', width: 22 }, ...COLUMNS.map(({ header, key, width, numFmt }) => ({ header, key, width, ...(numFmt ? { style: { numFmt } } : {}) }))];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of stats.rows) sheet.addRow(r);
  sheet.addRow(stats.totals).font = { bold: true };
  // Where the figures come from, under the table: the area and the days counted.
  sheet.addRow([]);
  sheet.addRow([`${stats.areaName}，${stats.from} 至 ${stats.to} 受理的矛盾纠纷；化解率 = 调解成功 ÷ 已办结（调解成功、调解不成、撤回、终止）`]);
  return { file: Buffer.from(await book.xlsx.writeBuffer()), name: `矛盾纠纷统计-${stats.areaName}-${stats.from}-${stats.to}.xlsx` };
}
