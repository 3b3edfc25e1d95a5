import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely's view of the tables from migrations/0003_files_notifications.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  thumbnail_sha256: string | null;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  /** Where the web goes on click, e.g. /matters/<id>. */
  link: string | null;
  matter_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export type OutboxChannel = 'sms' | 'wechat' | 'log';

export interface OutboxTable {
  id: Generated<number>;
  channel: OutboxChannel;
  /** The user id; the channel's sender resolves the address (phone, openid). */
  recipient: string;
  payload: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  available_at: Timestamp;
  sent_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: NullableTimestamp;
}

export interface FilesNotificationsTables {
  files: FilesTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
}

export type FileRow = Selectable<FilesTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
