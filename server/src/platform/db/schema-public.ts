import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely's view of the tables from migrations/0009_public_interaction.ts (the matters columns are in schema-matters.ts).
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/**
 * Who follows which public post (关注); matters.follower_count is their number. Not matter_followers:
 * those are the reporters of merged matters, who get every notice of the surviving one.
 */
export interface MatterFollowsTable {
  matter_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface SupervisionReportsTable {
  id: Generated<string>;
  /** S20261130000001 */
  number: string;
  kind: 'slow_handling' | 'improper_handling' | 'misconduct';
  matter_id: string | null;
  /** The linked matter's area, else the top of the reporter's scope: which 指挥中心 operators see it. */
  area_path: string;
  subject: string;
  content: string;
  reporter_user_id: string;
  state: ColumnType<'open' | 'accepted' | 'closed', 'open' | 'accepted' | 'closed' | undefined, 'open' | 'accepted' | 'closed'>;
  accept_note: string | null;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  close_note: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicInteractionTables {
  matter_follows: MatterFollowsTable;
  supervision_reports: SupervisionReportsTable;
}

export type SupervisionReportRow = Selectable<SupervisionReportsTable>;
