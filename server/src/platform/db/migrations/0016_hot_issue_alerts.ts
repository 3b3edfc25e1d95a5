import { sql, type Kysely } from 'kysely';

// 热点 early warnings (modules/hot-issues/alerts.ts). A group of matters is named by its earliest
// matter (the seed); each (kind, seed, level) row can be inserted once, by one process, so each
// warning goes out exactly once however many servers sweep. Level 0 is the first crossing of the
// thresholds, level k the group having grown to 2^k times them. Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table hot_issue_alerts (
      kind text not null check (kind in ('cluster', 'wages')),
      seed_matter_id uuid not null references matters(id) on delete cascade,
      level integer not null check (level >= 0),
      matter_count integer not null,
      reporter_count integer not null,
      label text not null,
      area_path text not null,
      employer text,
      matter_ids uuid[] not null,
      created_at timestamptz not null,
      primary key (kind, seed_matter_id, level)
    )`.execute(db);
  // The sweep looks up earlier alerts by any matter of a group: a matter is a seed at most a few times.
  await sql`create index hot_issue_alerts_seed_idx on hot_issue_alerts (seed_matter_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists hot_issue_alerts`.execute(db);
}
