import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { canSeeMatter, mayContactReporter } from '../../platform/policy/matters.js';
import { requireActor } from '../../platform/policy/policy.js';
import { factsOf, loadMatter } from './repository.js';

/**
 * The reporter's full phone number, for the centre or unit that must call them back. Screens show
 * it masked; every reading of the full number is written to the audit log (who, when, which
 * matter; never the number itself).
 */
export async function revealReporterContact(ctx: Ctx, id: string): Promise<{ name: string | null; phone: string }> {
  const actor = requireActor(ctx.actor);
  const loaded = await loadMatter(ctx.db, id);
  const facts = loaded ? factsOf(loaded.matter, loaded.units) : null;
  if (!loaded || !facts || !canSeeMatter(actor, facts)) throw new AppError('NOT_FOUND', 'Matter not found');
  if (!mayContactReporter(actor, facts)) throw new AppError('FORBIDDEN', 'Only the owning centre and the handling unit may read the reporter’s number');
  const m = loaded.matter;
  if (m.anonymous || !m.reporter_contact_enc) throw new AppError('NOT_FOUND', 'The reporter left no number');
  await audit(ctx.db, ctx, { action: 'matter.reporter_contact.read', entity: 'matter', entityId: id });
  return { name: m.reporter_name_enc ? ctx.cipher.decrypt(m.reporter_name_enc) : null, phone: ctx.cipher.decrypt(m.reporter_contact_enc) };
}
