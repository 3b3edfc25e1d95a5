import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely's view of the tables from migrations/0006_citizen_accounts.ts (users.phone_lookup is in schema.ts).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type VerificationPurpose = 'register' | 'reset';

export interface VerificationCodesTable {
  id: Generated<string>;
  /** FieldCipher.lookupHash of the mobile number. */
  phone_lookup: string;
  purpose: VerificationPurpose;
  /** HMAC of the code (FieldCipher.lookupHash of "<id>:<code>"), never the code. */
  code_hash: string;
  expires_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CitizenTables {
  verification_codes: VerificationCodesTable;
}

export type VerificationCodeRow = Selectable<VerificationCodesTable>;
