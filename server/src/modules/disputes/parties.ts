import { maskIdNumber, type DisputePartyInput } from '@fengqiao/shared';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { maskPhone, type FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { factsOf } from './repository.js';
import { mayRevealParties } from '../../platform/policy/disputes.js';
import { maskName } from '../public/redact.js';
import { visibleCase } from './access.js';

/**
 * A party's row: name, number and phone encrypted; what screens show stored beside them (a
 * person's masked name, an organisation's full one, masked numbers), so lists never decrypt.
 */
export function partyRow(cipher: FieldCipher, caseId: string, seq: number, p: DisputePartyInput) {
  return {
    case_id: caseId,
    seq,
    role: p.role,
    kind: p.kind,
    name_enc: cipher.encrypt(p.name),
    name_shown: p.kind === 'person' ? maskName(p.name) : p.name,
    id_number_enc: p.idNumber ? cipher.encrypt(p.idNumber) : null,
    id_number_masked: p.idNumber ? maskIdNumber(p.idNumber) : null,
    phone_enc: p.phone ? cipher.encrypt(p.phone) : null,
    phone_masked: p.phone ? maskPhone(p.phone) : null,
  };
}

/**
 * A party's full name, number and phone, for the level's staff and the mediators (to draw up a
 * signed agreement or call them). Every reading is written to the audit log: who, when, which
 * party; never the values themselves.
 */
export async function revealPartyIdentity(ctx: Ctx, caseId: string, partyId: string) {
  const { actor, loaded } = await visibleCase(ctx, caseId);
  if (!mayRevealParties(actor, factsOf(loaded))) throw new AppError('FORBIDDEN', 'Only the level’s staff and the assigned mediators may read parties’ identities');
  const p = await ctx.db.selectFrom('dispute_parties').selectAll().where('id', '=', partyId).where('case_id', '=', caseId).executeTakeFirst();
  if (!p) throw new AppError('NOT_FOUND', 'Party not found');
  await audit(ctx.db, ctx, { action: 'dispute.party_identity.read', entity: 'dispute_party', entityId: partyId, after: { caseId } });
  const open = (v: string | null) => (v === null ? null : ctx.cipher.decrypt(v));
  return { name: ctx.cipher.decrypt(p.name_enc), idNumber: open(p.id_number_enc), phone: open(p.phone_enc) };
}
