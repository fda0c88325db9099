/**
 * The desktop replica's schema as every process may read it (DESIGN §3, Trust): each synced table,
 * its key columns and, per column, how SQLite stores it and what it refuses. The relay checks rows
 * against it before they enter the ledger, and desktops before they write a pulled row.
 *
 * Generated from the drizzle schema in src-main/store/schema by `npm run schema:replica`; do not
 * edit by hand (src-main/sync/replica-schema.test.ts fails when it is out of date).
 */

import type { ReplicaColumn, ReplicaTable } from './replica-types';
export type { ReplicaColumn, ReplicaTable };
import { TABLES as cases } from './replica-tables/cases';
import { TABLES as communications } from './replica-tables/communications';
import { TABLES as ledger } from './replica-tables/ledger';
import { TABLES as loans } from './replica-tables/loans';
import { TABLES as operations } from './replica-tables/operations';
import { TABLES as people } from './replica-tables/people';
import { TABLES as templates } from './replica-tables/templates';

export const REPLICA_TABLES: readonly ReplicaTable[] = [...cases, ...communications, ...ledger, ...loans, ...operations, ...people, ...templates].sort((a, b) => a.name.localeCompare(b.name));
