import { z } from 'zod';
import { AreaCode, AreaLevelSchema } from './area.js';
import { humanName, text } from './common.js';

// Contacts directory (联系人名录): leaders' and units' phone numbers published on purpose
// ("全告知"), by area. Public data by design; only admins write it.

export const CONTACT_KINDS = ['leader', 'unit', 'hotline'] as const;
export const ContactKind = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKind>;

/**
 * A published phone number: 手机 (13912345678), 座机 with area code (0473-1234567, 04731234567,
 * optional extension -123), a 400 number, or a short service number (110, 12345, 12348).
 */
export const PublicPhone = z
  .string()
  .trim()
  .regex(
    /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|1\d{2,4})$/,
    'phone: a mobile (13912345678), a landline with area code (0473-1234567), a 400 number or a short service number (12345)',
  );

export const Contact = z.object({
  id: z.string().uuid(),
  areaCode: z.string(),
  areaName: z.string(),
  areaLevel: AreaLevelSchema,
  kind: ContactKind,
  name: z.string().describe('Person or unit'),
  title: z.string().describe('职务, e.g. 街道党工委书记'),
  unit: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  phone: z.string(),
  duty: z.string().nullable().describe('分管/包联'),
  sort: z.number().int(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactCreate = z.strictObject({
  areaCode: AreaCode,
  kind: ContactKind,
  name: humanName(80, 2),
  title: humanName(80),
  unitId: z.string().uuid().nullable().optional(),
  phone: PublicPhone,
  duty: text(300).nullable().optional(),
  sort: z.number().int().min(0).max(9999).default(0),
});
export type ContactCreate = z.input<typeof ContactCreate>;
// No default for sort here (zod 4 applies defaults inside .partial()).
export const ContactUpdate = ContactCreate.extend({ sort: z.number().int().min(0).max(9999) }).partial().strict();
export type ContactUpdate = z.infer<typeof ContactUpdate>;

export const ContactListQuery = z.strictObject({
  areaCode: AreaCode.optional(),
  kind: ContactKind.optional(),
  q: text(40).optional(),
});

export const PublicContactQuery = z.strictObject({
  areaCode: AreaCode,
  q: text(40).optional(),
});

/** One area of the public directory, nearest level first. */
export const PublicContactGroup = z.object({
  area: z.object({ code: z.string(), name: z.string(), level: AreaLevelSchema }),
  contacts: z.array(Contact.omit({ areaCode: true, areaName: true, areaLevel: true, updatedAt: true })),
});
export const PublicContacts = z.array(PublicContactGroup);
export type PublicContacts = z.infer<typeof PublicContacts>;

/** The public area picker: code, name, level only (no polygons). */
export const PublicAreaChild = z.object({ code: z.string(), name: z.string(), level: AreaLevelSchema, hasChildren: z.boolean() });
export type PublicAreaChild = z.infer<typeof PublicAreaChild>;
