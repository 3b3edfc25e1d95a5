// Data for bench/search.ts: real citizen messages (../shared/data/taidi2020, outside the
// repository and never copied into it) as matter text, the bulk load, and the query set.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { parseCsvTable } from '../server/src/modules/text/csv.js';
import { ISSUES } from './matters-data.js';

export interface Message {
  title: string;
  text: string;
}

const DATA_DIR = process.env.TAIDI_DIR ?? path.resolve(import.meta.dirname, '../../shared/data/taidi2020');

/** Every message of the three files (about 9,500); the 12 bench issues when the files are absent. */
export function loadMessages(): { messages: Message[]; source: string } {
  const files: [string, string, string][] = [
    ['hot_issues.csv', '留言主题', '留言详情'],
    ['replies.csv', '留言主题', '留言详情'],
    ['train.csv', 'subject', 'detail'],
  ];
  const messages: Message[] = [];
  for (const [file, title, text] of files) {
    const full = path.join(DATA_DIR, file);
    if (!fs.existsSync(full)) continue;
    for (const row of parseCsvTable(fs.readFileSync(full, 'utf8'), [title, text]).rows) {
      const body = row[text.toLowerCase()]!.replace(/\s+/g, ' ').trim();
      // train.csv: an empty subject means the detail holds both.
      messages.push({ title: (row[title.toLowerCase()] || body.slice(0, 20)).trim().slice(0, 80), text: body.slice(0, 4000) });
    }
  }
  if (messages.length > 0) return { messages, source: `${messages.length} messages from ${DATA_DIR}` };
  return { messages: ISSUES.map(([title, text]) => ({ title, text })), source: `the 12 bench issues (${DATA_DIR} is absent: numbers are not representative)` };
}

/**
 * Tops matters up to `total`, in one INSERT … SELECT: message i's title with message
 * (i × 7919)'s text, so pairs rarely repeat; every grid of the demo city; dated over the past
 * year; 40 % public citizen reports. Then ANALYZE.
 */
export async function loadMatters(client: pg.ClientBase, total: number, messages: Message[]): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from matters`);
  const n = Math.max(0, total - rows[0]!.n);
  await client.query('begin');
  await client.query(`set local session_replication_role = replica`); // consistent rows: skip per-row FK triggers
  await client.query(`select setseed(0.2026)`);
  await client.query(`
    create temp table bench_grids on commit drop as
    select row_number() over (order by g.code)::int - 1 as idx, g.code, g.path, g.name,
      (select o.id from org_units o join areas a on a.code = o.area_code
        where o.kind = 'center' and (a.path = g.path or g.path like a.path || '.%') order by a.depth desc limit 1) as centre
    from areas g where g.level = 'grid'`);
  await client.query(`create temp table bench_cats on commit drop as select row_number() over (order by code)::int - 1 as idx, code from categories where parent_code is not null and active`);
  await client.query(
    `insert into matters (number, channel, title, description, category_code, urgency, state, address, grid_code, area_code, area_path,
       owner_unit_id, anonymous, stage_started_at, created_at, updated_at, public)
     select to_char(created at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('matter_number_seq')::text, 7, '0'),
       case when public then 'citizen_online' else 'grid_report' end,
       ($2::text[])[1 + i % cardinality($2::text[])], ($3::text[])[1 + (i::bigint * 7919) % cardinality($3::text[])],
       c.code, 'normal', 'handling', g.name || (1 + i % 30) || '号楼', g.code, g.code, g.path, g.centre, false, created, created, created, public
     from (
       select i, now() - random() * interval '365 days' as created, random() < 0.4 as public,
         floor(random() * (select count(*) from bench_grids))::int as gi, floor(random() * (select count(*) from bench_cats))::int as ci
       from generate_series(1, $1::int) i
     ) s
     join bench_grids g on g.idx = s.gi
     join bench_cats c on c.idx = s.ci`,
    [n, messages.map((m) => m.title), messages.map((m) => m.text)],
  );
  await client.query('commit');
  await client.query('analyze matters');
  return n;
}

/** Queries by kind; the expected behaviour of each kind is what the recall table compares. */
export const QUERIES: Record<string, string[]> = {
  // One dictionary word, as typed.
  word: ['小区', '物业', '噪音', '停车', '拆迁', '学校', '工资', '垃圾', '路灯', '油烟', '违建', '扰民', '渣土车', '广场舞', '幼儿园', '公积金', '出租车', '补偿款'],
  // Part of a longer word in the text.
  'sub-word': ['下水', '停车场', '业委', '农民', '噪', '物业费', '居委', '燃气', '公积', '广场', '地铁', '城管'],
  // Two words that need not stand together.
  'words apart': ['小区 停车', '噪音 晚上', '物业 维修', '学校 收费', '拆迁 补偿', '工资 拖欠', '垃圾 清运'],
  // Written in traditional characters or full-width letters; the text is simplified.
  'traditional / width': ['噪音擾民', '停車', '物業', '學校', '拆遷補償', '垃圾處理', 'Ａ市'],
  // Latin letters and digits mixed with Han characters (the corpus anonymises places as A市, A3区).
  mixed: ['A3区', 'A市', 'a7县', 'K9县', '2019年', '3号楼', 'wifi'],
};
