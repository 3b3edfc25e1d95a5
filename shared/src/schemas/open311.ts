import { z } from 'zod';
import { humanName } from './common.js';

// Open311 API keys (admin side). Third-party apps report through the Open311 GeoReport v2 API
// at /open311/v2 with a key an administrator issued here; the key itself is shown once, at
// creation, and stored only as a keyed hash.

export const Open311Key = z.object({
  id: z.string().uuid(),
  name: z.string().describe('Who the key is for, e.g. the app or partner'),
  prefix: z.string().describe('The first characters of the key, to recognise it (the rest is never shown again)'),
  createdBy: z.string().nullable().describe('The administrator who issued it'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('The last request it created'),
  revokedAt: z.string().nullable(),
});
export type Open311Key = z.infer<typeof Open311Key>;

export const Open311KeyCreate = z.strictObject({ name: humanName(60, 2) });
export type Open311KeyCreate = z.infer<typeof Open311KeyCreate>;

export const Open311KeyCreated = Open311Key.extend({ key: z.string().describe('The API key: shown this once, store it now') });
export type Open311KeyCreated = z.infer<typeof Open311KeyCreated>;
