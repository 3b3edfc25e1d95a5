// CSV as RFC 4180 writes it and spreadsheets export it: a leading BOM, quoted fields holding
// commas, quotes ("") and line breaks, CRLF, LF or CR line ends. Small and strict: an unclosed
// quote or a stray character after a closing quote is an error naming the line.

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Rows of fields; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(`line ${startLine}: quoted field is never closed`);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      const after = text[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        throw new CsvError(`line ${line}: unexpected ${JSON.stringify(after)} after a closing quote`);
      }
      // An empty quoted field ("") must still count as a field: mark it by continuing below.
      if (after === ',') {
        row.push(field);
        field = '';
        i++;
        if (i === n) endRow();
      }
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
      if (i === n) endRow();
    } else if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export interface CsvTable {
  header: string[];
  rows: Record<string, string>[];
}

/**
 * The rows as records keyed by header name (trimmed, compared case-insensitively). Every
 * `required` column must be present; a row with fewer fields gets '' for the missing ones, a
 * row with more is an error.
 */
export function parseCsvTable(text: string, required: readonly string[]): CsvTable {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new CsvError('the file is empty (no header row)');
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r.toLowerCase()));
  if (missing.length) throw new CsvError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (header: ${header.join(',')})`);
  const rows = body.map((fields, r) => {
    if (fields.length > names.length) throw new CsvError(`row ${r + 2}: ${fields.length} fields, the header has ${names.length}`);
    return Object.fromEntries(names.map((name, k) => [name, fields[k] ?? '']));
  });
  return { header: names, rows };
}

/** One field, quoted when it holds a comma, quote, line break or edge space. */
function formatField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with LF line ends and a final newline, no BOM. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(formatField).join(',')).join('\n') + (rows.length ? '\n' : '');
}
