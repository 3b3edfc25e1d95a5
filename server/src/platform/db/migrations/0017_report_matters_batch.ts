import { sql, type Kysely } from 'kysely';

// 受理 in batches (docs/decisions/0003): concurrent reports leave the server together, one
// round trip and one commit for many. Each report still runs fq_report_matter whole or not at
// all, in its own subtransaction, so a repeated Idempotency-Key or any other failure of one
// report is that report's answer ({"error": {code, message}}) and its neighbours commit.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function fq_report_matters(p jsonb) returns jsonb language plpgsql as $fn$
    declare
      e jsonb;
      r jsonb;
      results jsonb := '[]'::jsonb;
    begin
      for e in select value from jsonb_array_elements(p) with ordinality order by ordinality loop
        begin
          r := fq_report_matter(e);
        exception when others then
          r := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM));
        end;
        results := results || jsonb_build_array(r);
      end loop;
      return results;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists fq_report_matters(jsonb)`.execute(db);
}
