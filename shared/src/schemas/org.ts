import { z } from 'zod';
import { ORG_KINDS } from '../codes.js';
import { PageQuery, humanName, pageOf, text } from './common.js';
import { AreaCode } from './area.js';

export const OrgKindSchema = z.enum(ORG_KINDS);
const CategoryCode = z.string().regex(/^[a-z0-9_.-]{1,40}$/, 'category code: lower-case letters, digits, _ . -');

export const OrgUnit = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: OrgKindSchema,
  areaCode: z.string().describe('Root of the unit’s jurisdiction (an area subtree)'),
  areaName: z.string(),
  parentId: z.string().uuid().nullable(),
  parentName: z.string().nullable(),
  categories: z.array(z.string()).describe('Matter categories the unit handles'),
  phone: z.string().nullable().describe('Office phone (public contact, not personal data)'),
  createdAt: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitCreate = z.strictObject({
  name: humanName(80, 2),
  kind: OrgKindSchema,
  areaCode: AreaCode,
  parentId: z.string().uuid().nullable().optional(),
  categories: z.array(CategoryCode).max(100).default([]),
  phone: z.string().regex(/^[0-9-]{7,20}$/, 'phone: digits and dashes').nullable().optional(),
});
export type OrgUnitCreate = z.infer<typeof OrgUnitCreate>;
// No default for categories here: zod 4 applies defaults inside .partial(), so a rename would
// otherwise arrive as { name, categories: [] } and wipe the unit's categories.
export const OrgUnitUpdate = OrgUnitCreate.extend({ categories: z.array(CategoryCode).max(100) }).partial().strict();
export type OrgUnitUpdate = z.infer<typeof OrgUnitUpdate>;

export const OrgUnitListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  kind: OrgKindSchema.optional(),
  q: text(40).optional(),
});
export const OrgUnitPage = pageOf(OrgUnit);
