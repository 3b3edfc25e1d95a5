import type { ColumnType } from 'kysely';

// Kysely's view of the table from migrations/0016_hot_issue_alerts.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface HotIssueAlertsTable {
  kind: 'cluster' | 'wages';
  /** The group's earliest matter when it first crossed the thresholds: its name from then on. */
  seed_matter_id: string;
  /** 0 on first crossing; k when the group reached 2^k times the threshold. */
  level: number;
  matter_count: number;
  reporter_count: number;
  label: string;
  area_path: string;
  employer: string | null;
  matter_ids: ColumnType<string[], string[], string[]>;
  created_at: Timestamp;
}

export interface HotIssueTables {
  hot_issue_alerts: HotIssueAlertsTable;
}
