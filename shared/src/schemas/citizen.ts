import { z } from 'zod';
import { humanName } from './common.js';
import { MobilePhone, Password } from './user.js';

// Citizen accounts (公众账号): register and log in with a mobile number.

export const VERIFICATION_PURPOSES = ['register', 'reset'] as const;
export const VerificationPurpose = z.enum(VERIFICATION_PURPOSES);
export type VerificationPurpose = z.infer<typeof VerificationPurpose>;

export const CitizenCodeRequest = z.strictObject({
  mobile: MobilePhone,
  purpose: VerificationPurpose,
});
export type CitizenCodeRequest = z.infer<typeof CitizenCodeRequest>;

export const VerificationCode = z.string().regex(/^\d{6}$/, 'verification code: 6 digits');

export const CitizenRegisterBody = z.strictObject({
  mobile: MobilePhone,
  code: VerificationCode,
  password: Password,
  displayName: humanName(40),
});
export type CitizenRegisterBody = z.infer<typeof CitizenRegisterBody>;

export const CitizenLoginBody = z.strictObject({
  mobile: MobilePhone,
  password: z.string().min(1).max(200),
});
export type CitizenLoginBody = z.infer<typeof CitizenLoginBody>;

export const CitizenPasswordReset = z.strictObject({
  mobile: MobilePhone,
  code: VerificationCode,
  newPassword: Password,
});
export type CitizenPasswordReset = z.infer<typeof CitizenPasswordReset>;

export const CitizenProfile = z.object({
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  createdAt: z.string(),
});
export type CitizenProfile = z.infer<typeof CitizenProfile>;

export const CitizenProfilePatch = z.strictObject({
  displayName: humanName(40),
});
export type CitizenProfilePatch = z.infer<typeof CitizenProfilePatch>;
