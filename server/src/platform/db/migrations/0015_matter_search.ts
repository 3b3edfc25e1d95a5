import { sql, type Kysely } from 'kysely';

// Full-text search over matters (modules/search, docs/text/search.md). The index lives beside
// `matters`, filled after commit by the search indexer, never inside intake: a GIN index on
// `matters` itself halved intake throughput. A trigger queues a matter when text it is found by
// changes afterwards (an edit, moderation, dispatch setting the category); intake only INSERTs,
// so the trigger costs it nothing. Existing matters are indexed by the indexer's first sweep (a
// migration cannot segment text). Only PostgreSQL 15 SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  // tokens: number, title, description, address, category name, and the public words (staff
  // search, and the candidates of a public search); public_tokens: the redacted public title and
  // description, null unless the matter is public. One GIN index: a second one on public_tokens
  // cost a third more indexing time for what a filter on the candidates does.
  await sql`
    create table matter_search (
      matter_id uuid primary key references matters(id) on delete cascade,
      tokens tsvector not null,
      public_tokens tsvector,
      indexed_at timestamptz not null
    )`.execute(db);
  await sql`create index matter_search_tokens_idx on matter_search using gin (tokens)`.execute(db);
  // With the default statistics a lexeme outside the 1,000 commonest is guessed at 4 % of the rows
  // (measured at 100,000 matters), so a search for one 工单编号 walked every matter newest first
  // (0.8 s); with 10,000 kept it is guessed at 0.2 % and read from the index (1 ms).
  await sql`alter table matter_search alter column tokens set statistics 1000`.execute(db);

  // Append-only: a change committed while the indexer works on an earlier one gets a row of its own.
  await sql`
    create table matter_search_queue (
      id bigserial primary key,
      matter_id uuid not null,
      queued_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index matter_search_queue_matter_idx on matter_search_queue (matter_id)`.execute(db);

  // indexed_before: every matter created before it has its matter_search row (null: none yet,
  // so every matter counts as not indexed until the first sweep has gone through them).
  await sql`
    create table matter_search_state (
      id smallint primary key check (id = 1),
      indexed_before timestamptz
    )`.execute(db);
  await sql`insert into matter_search_state (id, indexed_before) values (1, null)`.execute(db);

  await sql`
    create function fq_queue_matter_search() returns trigger language plpgsql as $$
    begin
      insert into matter_search_queue (matter_id) values (new.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger matters_search_queue after update of number, title, description, address, category_code, public, public_title, public_description, reporter_name_enc
    on matters for each row
    when (old.number is distinct from new.number or old.title is distinct from new.title or old.description is distinct from new.description
      or old.address is distinct from new.address or old.category_code is distinct from new.category_code or old.public is distinct from new.public
      or old.public_title is distinct from new.public_title or old.public_description is distinct from new.public_description
      or old.reporter_name_enc is distinct from new.reporter_name_enc)
    execute function fq_queue_matter_search()`.execute(db);

  // A renamed category is found under its new name.
  await sql`
    create function fq_queue_category_search() returns trigger language plpgsql as $$
    begin
      insert into matter_search_queue (matter_id) select id from matters where category_code = new.code;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger categories_search_queue after update of name on categories for each row
    when (old.name is distinct from new.name)
    execute function fq_queue_category_search()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists categories_search_queue on categories`.execute(db);
  await sql`drop trigger if exists matters_search_queue on matters`.execute(db);
  await sql`drop function if exists fq_queue_category_search()`.execute(db);
  await sql`drop function if exists fq_queue_matter_search()`.execute(db);
  await sql`drop table if exists matter_search_state`.execute(db);
  await sql`drop table if exists matter_search_queue`.execute(db);
  await sql`drop table if exists matter_search`.execute(db);
}
