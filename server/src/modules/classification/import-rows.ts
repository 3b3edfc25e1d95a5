import type { ClassifierImportResult } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { invalid } from '../../platform/errors.js';
import { requireActor } from '../../platform/policy/policy.js';
import { referenceDataFor } from '../matters/reference-data.js';
import { messageText } from '../text/classify-cli.js';
import { CsvError, parseCsvTable } from '../text/csv.js';
import { categoryLabel } from '../matters/catalogue.js';
import { labelMatcher } from './labels.js';
import { replaceImportedRows, type ImportedRow } from './repository.js';

// 导入历史标注数据: a city that has no closed matters in the platform yet brings its history from
// an earlier system as CSV (id,subject,detail,label, as the classify command reads it). Labels are
// matched to the catalogue by code or name; rows that match nothing are reported by line, not
// guessed. An import replaces the previous one.

/** Rows per file: the size of a few years of a city's hotline history, bounded in memory and time. */
export const MAX_IMPORT_ROWS = 20_000;
/** A longer text adds nothing a classifier can use and costs time on every training. */
const MAX_TEXT = 10_000;
const LINES_SHOWN = 20;

type Skipped = ClassifierImportResult['skipped'][number];

/** UTF-8 (with or without BOM), else GB18030 (what Excel in Chinese saves as "CSV"), else an error. */
function decode(bytes: Uint8Array): { text: string; encoding: ClassifierImportResult['encoding'] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw invalid('The file is neither UTF-8 nor GB18030 text: save it as CSV (UTF-8)');
    }
  }
}

export async function importTrainingRows(ctx: Ctx, bytes: Uint8Array): Promise<ClassifierImportResult> {
  const actor = requireActor(ctx.actor);
  const { text, encoding } = decode(bytes);
  let table;
  try {
    table = parseCsvTable(text, ['label']);
    if (!table.header.includes('subject') && !table.header.includes('detail')) throw new CsvError(`needs a subject or a detail column (header: ${table.header.join(',')})`);
  } catch (err) {
    if (err instanceof CsvError) throw invalid(`CSV: ${err.message}`, [{ path: 'file', message: err.message }]);
    throw err;
  }
  if (table.rows.length > MAX_IMPORT_ROWS) throw invalid(`At most ${MAX_IMPORT_ROWS} rows per import; the file has ${table.rows.length}`);

  const categories = await referenceDataFor(ctx.db).categories();
  const match = labelMatcher(categories.values());
  const rows: ImportedRow[] = [];
  const skipped = new Map<string, Skipped>();
  const skip = (reason: Skipped['reason'], label: string, line: number) => {
    const group = skipped.get(`${reason}\u0000${label}`) ?? { reason, label, count: 0, rows: [] };
    group.count++;
    if (group.rows.length < LINES_SHOWN) group.rows.push(line);
    skipped.set(`${reason}\u0000${label}`, group);
  };
  table.rows.forEach((row, i) => {
    // Line numbers as a spreadsheet shows them (header = 1); a quoted line break inside a field makes them approximate.
    const line = i + 2;
    const label = (row.label ?? '').trim();
    // PostgreSQL text cannot hold NUL; nothing a person wrote needs it.
    const body = messageText(row.subject, row.detail).replaceAll('\u0000', '').slice(0, MAX_TEXT);
    if (!label) return skip('empty_label', '', line);
    if (!body.trim()) return skip('empty_text', label, line);
    const code = match(label);
    if (!code) return skip('unknown_label', label, line);
    rows.push({ externalId: (row.id ?? '').trim() || String(line), line, text: body, code });
  });
  const skippedList = [...skipped.values()].sort((a, b) => b.count - a.count);
  if (rows.length === 0) {
    throw invalid(
      'No row could be imported: check that the label column holds catalogue categories (code or name, e.g. 城乡建设 or labor.wage_arrears)',
      skippedList.slice(0, 20).map((s) => ({ path: `rows.${s.rows[0]}`, message: `${s.reason}${s.label ? ` "${s.label}"` : ''} (${s.count} rows)` })),
    );
  }

  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const names = new Map([...categories.values()].map((c) => [c.code, c.name]));
  const labels = [...counts].map(([code, count]) => ({ code, name: categoryLabel(code, names), count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  await ctx.db.transaction().execute(async (trx) => {
    await replaceImportedRows(trx, rows, ctx.clock.now(), actor.id);
    await audit(trx, ctx, { action: 'classifier.import', entity: 'category_training_rows', entityId: 'all', after: { imported: rows.length, encoding, labels, skipped: skippedList.map((s) => ({ reason: s.reason, label: s.label, count: s.count })) } });
  });
  return { imported: rows.length, encoding, labels, skipped: skippedList };
}
