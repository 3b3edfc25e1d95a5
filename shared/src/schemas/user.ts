import { z } from 'zod';
import { ROLES } from '../codes.js';
import { PageQuery, humanName, pageOf, text } from './common.js';
import { AreaCode } from './area.js';

export const RoleSchema = z.enum(ROLES);
export const Username = z.string().regex(/^[a-z][a-z0-9_.-]{2,39}$/, 'username: 3-40 lower-case letters, digits, _ . -, starting with a letter');
export const Password = z.string().min(10, 'password: at least 10 characters').max(200);
/** 中国大陆手机号 */
export const MobilePhone = z.string().regex(/^1[3-9]\d{9}$/, 'mobile phone: 11 digits starting with 13-19');

export const User = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  scopeAreaCode: z.string(),
  scopeAreaName: z.string(),
  phoneMasked: z.string().nullable().describe('Mobile phone masked as 138****5678'),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('Until then some client is refused logins to this account after repeated wrong passwords (null: none); unlock clears it'),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserCreate = z.strictObject({
  username: Username,
  displayName: humanName(40),
  password: Password,
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  unitId: z.string().uuid().nullable().optional(),
  scopeAreaCode: AreaCode,
  phone: MobilePhone.nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  displayName: humanName(40).optional(),
  password: Password.optional(),
  roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
  unitId: z.string().uuid().nullable().optional(),
  scopeAreaCode: AreaCode.optional(),
  phone: MobilePhone.nullable().optional(),
  disabled: z.boolean().optional(),
  unlock: z.literal(true).optional().describe('Clear the login back-off of every client of this account (after failed logins)'),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserListQuery = PageQuery.extend({
  areaCode: AreaCode.optional(),
  unitId: z.string().uuid().optional(),
  role: RoleSchema.optional(),
  q: text(40).optional(),
});
export const UserPage = pageOf(User);
