/** What the replica schema (`replica-schema.ts`, generated) says of each synced table and column. */

export interface ReplicaColumn {
  name: string;
  /** SQLite's storage type. */
  type: 'text' | 'integer' | 'real';
  /** Stored as 0/1 (drizzle's boolean mode) or as JSON text (json mode). */
  mode?: 'boolean' | 'json';
  notNull: boolean;
  /** SQLite fills the column when an insert leaves it out. */
  hasDefault: boolean;
  /** The values the app writes to it (SQLite itself does not enforce them). */
  enum?: readonly string[];
  /** The parent row a value names: the parent's (single) key column. */
  references?: { table: string; column: string };
  /** Computed by SQLite from other columns: never written, so never checked. */
  generated?: true;
}

export interface ReplicaTable {
  name: string;
  /** The columns whose values, joined by `:`, are the row's id in the ledger. */
  key: readonly string[];
  columns: readonly ReplicaColumn[];
  /** Foreign keys of several columns, naming the parent's whole key in its order. */
  compositeReferences?: readonly { columns: readonly string[]; table: string }[];
}
