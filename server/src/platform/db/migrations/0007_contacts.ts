import { sql, type Kysely } from 'kysely';

// Contacts directory (联系人名录): leaders' and units' phone numbers published on purpose by area
// ("全告知"). Public data by design, not citizens' personal data: stored in clear. Numbered 0007
// (0006 is citizen accounts). Only SQL that PostgreSQL 15 accepts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      area_code text not null references areas(code) on update cascade,
      kind text not null check (kind in ('leader','unit','hotline')),
      name text not null,
      title text not null,
      unit_id uuid references org_units(id) on delete set null,
      phone text not null,
      duty text,
      sort int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // The public listing reads all contacts of a handful of areas, in display order.
  await sql`create index contacts_area_idx on contacts (area_code, sort, name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists contacts cascade`.execute(db);
}
