import { sql, type Kysely } from 'kysely';

// lpad(s, 6) cuts a longer string, so from the millionth matter on ten serials in a row became
// the same six digits and same-day intake failed on the unique number. The serial now keeps all
// its digits (at least six). The function's body is edited where it stands rather than written
// out a fourth time: only the numbering expression changes. Only PostgreSQL 15 SQL.
const CUT = `lpad(nextval('matter_number_seq')::text, 6, '0')`;
const KEPT = `(select lpad(v::text, greatest(6, length(v::text)), '0') from nextval('matter_number_seq') as v)`;

async function rewrite(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  await sql`
    do $do$
    declare src text;
    begin
      src := pg_get_functiondef('fq_report_matter(jsonb)'::regprocedure);
      if position(${sql.lit(from)} in src) = 0 then
        raise exception 'fq_report_matter does not number matters as expected';
      end if;
      execute replace(src, ${sql.lit(from)}, ${sql.lit(to)});
    end
    $do$`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, CUT, KEPT);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rewrite(db, KEPT, CUT);
}
