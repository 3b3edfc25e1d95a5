import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { FieldCipher } from './crypto.js';
import type { DB } from './db/schema.js';
import type { Actor } from './policy/actor.js';

/** What every use case receives: who asks, the request id for the audit trail, and the services it may use. */
export interface Ctx {
  actor: Actor | null;
  requestId: string;
  clock: Clock;
  db: Kysely<DB>;
  cipher: FieldCipher;
}
