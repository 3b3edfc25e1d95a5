import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

// Kysely's view of migration 0007_contacts.
export interface ContactsTable {
  id: Generated<string>;
  area_code: string;
  kind: 'leader' | 'unit' | 'hotline';
  name: string;
  title: string;
  unit_id: string | null;
  phone: string;
  duty: string | null;
  sort: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactsTables {
  contacts: ContactsTable;
}
