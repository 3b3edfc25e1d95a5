/**
 * What other modules (disputes, supervision) may ask of matters: one matter with the facts its
 * visibility is judged on (platform/policy/matters.ts canSeeMatter). Other modules import this
 * file, never matters' repository.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { MatterFacts } from '../../platform/policy/matters.js';
import { factsOf, loadMatter, type MatterView } from './repository.js';

type Q = Kysely<DB> | Transaction<DB>;

/** The matter with this id and its policy facts, or null when there is none. */
export async function matterWithFacts(db: Q, id: string): Promise<{ matter: MatterView; facts: MatterFacts } | null> {
  const loaded = await loadMatter(db, id);
  return loaded ? { matter: loaded.matter, facts: factsOf(loaded.matter, loaded.units) } : null;
}
