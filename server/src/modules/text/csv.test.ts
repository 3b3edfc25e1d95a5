import { describe, expect, it } from 'vitest';
import { CsvError, formatCsv, parseCsv, parseCsvTable } from './csv.js';

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF or CR line ends and no final newline', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2\r')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'id,detail\nx1,"路灯坏了,请修理"\nx2,"他说""马上修""\n结果没修"\nx3,"多行\r\n文本"\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'detail'],
      ['x1', '路灯坏了,请修理'],
      ['x2', '他说"马上修"\n结果没修'],
      ['x3', '多行\r\n文本'],
    ]);
  });

  it('strips a byte-order mark and skips blank lines', () => {
    expect(parseCsv('\ufeffid,label\n\nx1,交通运输\n\n')).toEqual([['id', 'label'], ['x1', '交通运输']]);
  });

  it('keeps empty fields, quoted or not, and a trailing empty field', () => {
    expect(parseCsv('a,,"",d\n1,2,3,\n')).toEqual([['a', '', '', 'd'], ['1', '2', '3', '']]);
  });

  it('keeps emoji and mixed scripts byte for byte', () => {
    expect(parseCsv('x,"😀 WiFi 二十五 ①"\n')).toEqual([['x', '😀 WiFi 二十五 ①']]);
  });

  it('fails clearly on an unclosed quote or text after a closing quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2: quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(CsvError);
  });

  it('returns no rows for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });
});

describe('parseCsvTable', () => {
  it('maps rows to records by header name, case- and space-insensitively', () => {
    const table = parseCsvTable(' ID ,Subject,detail\nx1,,只有详情\n', ['id', 'subject', 'detail']);
    expect(table.rows).toEqual([{ id: 'x1', subject: '', detail: '只有详情' }]);
  });

  it('fills missing trailing fields with empty strings', () => {
    expect(parseCsvTable('id,subject,detail\nx1,标题\n', ['id']).rows).toEqual([{ id: 'x1', subject: '标题', detail: '' }]);
  });

  it('names missing columns, an empty file and rows with too many fields', () => {
    expect(() => parseCsvTable('id,subject\nx1,a\n', ['id', 'label'])).toThrow('missing column label');
    expect(() => parseCsvTable('', ['id'])).toThrow(/empty/);
    expect(() => parseCsvTable('id,label\nx1,a,b\n', ['id'])).toThrow(/row 2: 3 fields/);
  });
});

describe('formatCsv', () => {
  it('quotes only what needs it and round-trips through parseCsv', () => {
    const rows = [
      ['id', 'label'],
      ['x1', '交通运输'],
      ['x,2', '说"好"'],
      ['x3', '两行\n文本'],
      [' x4', ''],
    ];
    const text = formatCsv(rows);
    expect(text).toBe('id,label\nx1,交通运输\n"x,2","说""好"""\nx3,"两行\n文本"\n" x4",\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('writes nothing for no rows', () => {
    expect(formatCsv([])).toBe('');
  });
});
