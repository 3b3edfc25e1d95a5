import { z } from 'zod';
import { ACTIONS } from '../codes.js';
import { AreaRef } from './area.js';
import { User } from './user.js';

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(40),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const Me = z.object({
  user: User,
  scopeArea: AreaRef,
  permissions: z.array(z.enum(ACTIONS)),
  csrfToken: z.string().describe('Send back as the x-csrf-token header on writes made with the session cookie'),
});
export type Me = z.infer<typeof Me>;

export const TokenResponse = z.object({
  token: z.string().describe('Send as "Authorization: Bearer <token>"'),
  expiresAt: z.string(),
});

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  time: z.string(),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
