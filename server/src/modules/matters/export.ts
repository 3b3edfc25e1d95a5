import ExcelJS from 'exceljs';
import type { MatterListQuery } from '@fengqiao/shared';
import type { Ctx } from '../../platform/context.js';
import { areaFilterPath } from '../territory/public.js';
import { filteredMatters } from './list.js';
import { toListItem } from './view.js';

/** At most this many rows per export; a larger export should be narrowed by filters. */
export const EXPORT_LIMIT = 20_000;

const local = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

// Column headers are Chinese: the sheet goes to a 综治中心's staff and their monthly reports.
const COLUMNS = [
  { header: '工单编号', key: 'number', width: 16 },
  { header: '标题', key: 'title', width: 30 },
  { header: '渠道', key: 'channel', width: 14 },
  { header: '状态', key: 'state', width: 14 },
  { header: '紧急程度', key: 'urgency', width: 10 },
  { header: '类别', key: 'category', width: 18 },
  { header: '地址', key: 'address', width: 30 },
  { header: '区域', key: 'area', width: 16 },
  { header: '网格编码', key: 'grid', width: 18 },
  { header: '责任中心', key: 'owner', width: 20 },
  { header: '承办单位', key: 'assigned', width: 20 },
  { header: '签收时限', key: 'acceptDue', width: 17 },
  { header: '办结时限', key: 'due', width: 17 },
  { header: '预警', key: 'warning', width: 8 },
  { header: '督办', key: 'supervised', width: 6 },
  { header: '重办次数', key: 'reopens', width: 8 },
  { header: '受理时间', key: 'created', width: 17 },
];

/** The filtered list as an Excel workbook (the same rows the viewer may see, no personal data). */
export async function exportMatters(ctx: Ctx, q: Omit<MatterListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const areaPath = q.areaCode ? await areaFilterPath(ctx.db, q.areaCode) : null;
  const rows = await filteredMatters(ctx, q, areaPath).limit(EXPORT_LIMIT).execute();
  const book = new ExcelJS.Workbook();
  book.creator = 'Fengqiao 枫桥';
  const sheet = book.addWorksheet('事项清单');
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const m of rows.map(toListItem)) {
    sheet.addRow({
      number: m.number,
      title: m.title,
      channel: m.channel,
      state: m.state,
      urgency: m.urgency,
      category: m.categoryName ?? '',
      address: m.address,
      area: m.areaName,
      grid: m.gridCode ?? '',
      owner: m.ownerUnit.name,
      assigned: m.assignedUnit?.name ?? '',
      acceptDue: local(m.acceptDueAt),
      due: local(m.dueAt),
      warning: m.warning,
      supervised: m.supervised ? '是' : '',
      reopens: m.reopenCount,
      created: local(m.createdAt),
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
