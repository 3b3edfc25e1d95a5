import type { ColumnType } from 'kysely';

// Kysely's view of the table from migrations/0019_login_throttle.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type ThrottleScope = 'login' | 'code' | 'code_send';

export interface LoginThrottleTable {
  scope: ThrottleScope;
  /** Look-up hash of the account's identifier; '' on a client's row over all accounts. */
  account_key: string;
  /** Look-up hash of the client (IP address, IPv6 by /64); '' on an account's row over all clients. */
  client_key: string;
  failures: number;
  window_start: Timestamp;
  last_at: Timestamp;
  /** Account-on-client rows: refused until then (exponential back-off). */
  blocked_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface ThrottleTables {
  login_throttle: LoginThrottleTable;
}
