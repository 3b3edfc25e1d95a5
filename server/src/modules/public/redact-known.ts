import type { Kysely } from 'kysely';
import type { FieldCipher } from '../../platform/crypto.js';
import type { DB } from '../../platform/db/schema.js';

// The names redaction masks wherever they stand in a matter's public text: its reporter's own,
// and the people among the parties of a dispute case (矛盾纠纷) opened from it. The feed, a post's
// page, Open311 and the public search index all mask with the same names, so what one of them
// hides no other shows or finds.

interface MatterNames {
  id: string;
  reporter_name_enc: string | null;
}

/** Known names by matter id, for a page of matters in one query. */
export async function knownNamesOf(db: Kysely<DB>, cipher: FieldCipher, rows: readonly MatterNames[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>(rows.map((r) => [r.id, r.reporter_name_enc ? [cipher.decrypt(r.reporter_name_enc)] : []]));
  if (rows.length === 0) return names;
  const parties = await db
    .selectFrom('dispute_parties as p')
    .innerJoin('dispute_cases as c', 'c.id', 'p.case_id')
    .select(['c.matter_id', 'p.name_enc'])
    .where('c.matter_id', 'in', rows.map((r) => r.id))
    .where('p.kind', '=', 'person')
    .execute();
  for (const p of parties) if (p.matter_id) names.get(p.matter_id)?.push(cipher.decrypt(p.name_enc));
  return names;
}
