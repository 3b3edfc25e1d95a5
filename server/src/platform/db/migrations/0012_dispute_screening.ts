import { sql, type Kysely } from 'kysely';

// Disputes, items 6–9: 滚动排查 (one report per grid per month, and the cases it found), 联席会
// (a town's joint meeting and its decision on each case). Mediator, studio and statistics figures
// are read from the cases themselves. Only SQL that PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await run(sql`
    create table dispute_screenings (
      id uuid primary key default gen_random_uuid(),
      grid_code text not null references areas(code) on update cascade,
      grid_path text not null,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      found boolean not null,
      note text,
      reported_by uuid references users(id),
      reported_by_name text,
      reported_at timestamptz not null,
      unique (grid_code, period)
    )`);
  // Coverage reads one period of every grid under an area.
  await run(sql`create index dispute_screenings_period_idx on dispute_screenings (period, grid_path text_pattern_ops)`);
  await run(sql`alter table dispute_cases add column screening_id uuid references dispute_screenings(id)`);
  await run(sql`create index dispute_cases_screening_idx on dispute_cases (screening_id) where screening_id is not null`);

  await run(sql`
    create table dispute_meetings (
      id uuid primary key default gen_random_uuid(),
      area_code text not null references areas(code) on update cascade,
      area_path text not null,
      held_on text not null check (held_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      attendees text not null,
      created_by uuid references users(id),
      created_by_name text,
      created_at timestamptz not null
    )`);
  await run(sql`create index dispute_meetings_area_idx on dispute_meetings (area_path text_pattern_ops, held_on desc)`);
  await run(sql`
    create table dispute_meeting_decisions (
      id bigserial primary key,
      meeting_id uuid not null references dispute_meetings(id),
      seq int not null,
      case_id uuid not null references dispute_cases(id),
      decision text not null,
      assignee text,
      unique (meeting_id, seq),
      unique (meeting_id, case_id)
    )`);
  await run(sql`create index dispute_meeting_decisions_case_idx on dispute_meeting_decisions (case_id, id desc)`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists dispute_meeting_decisions`.execute(db);
  await sql`drop table if exists dispute_meetings`.execute(db);
  await sql`alter table dispute_cases drop column if exists screening_id`.execute(db);
  await sql`drop table if exists dispute_screenings`.execute(db);
}
