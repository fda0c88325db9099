import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPLICA_TABLES } from '../../src-shared/sync/replica-schema';
import { describeReplica, REPLICA_SCHEMA_PATH, replicaSchemaFiles } from './describe-replica';
import { SYNCED_TABLES } from './synced-tables';

describe('the shared description of the replica schema', () => {
  it('is what the drizzle schema gives now', () => {
    const stale = `${REPLICA_SCHEMA_PATH} is out of date with src-main/store/schema: run \`npm run schema:replica\` and commit the result`;
    for (const [path, source] of Object.entries(replicaSchemaFiles())) {
      const written = readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
      expect(written === source, `${path}: ${stale}`).toBe(true);
    }
    expect(REPLICA_TABLES, stale).toEqual(describeReplica());
  });

  it('describes exactly the synced tables, with their keys and written columns', () => {
    expect(REPLICA_TABLES.map((table) => [table.name, table.key, table.columns.filter((column) => !column.generated).map((column) => column.name)])).toEqual(
      SYNCED_TABLES.map((table) => [table.name, table.keyColumns, table.columns]),
    );
  });

  it('reads booleans, JSON text, defaults, enums and single and composite foreign keys off the schema', () => {
    const column = (tbl: string, name: string) => REPLICA_TABLES.find((table) => table.name === tbl)!.columns.find((candidate) => candidate.name === name);
    expect(column('borrowers', 'do_not_contact')).toEqual({ name: 'do_not_contact', type: 'integer', mode: 'boolean', notNull: true, hasDefault: true });
    expect(column('borrowers', 'metadata')).toMatchObject({ type: 'text', mode: 'json', notNull: true, hasDefault: true });
    expect(column('activities', 'loan_id')).toEqual({ name: 'loan_id', type: 'text', notNull: true, hasDefault: false, references: { table: 'loans', column: 'id' } });
    expect(column('cases', 'priority_score')).toMatchObject({ type: 'real', notNull: true });
    expect(column('cases', 'active')).toMatchObject({ generated: true });
    expect(column('messages', 'status')?.enum).toContain('delivered');
    expect(REPLICA_TABLES.find((table) => table.name === 'fee_records')?.compositeReferences).toEqual([{ columns: ['loan_id', 'installment_seq'], table: 'installments' }]);
    expect(REPLICA_TABLES.find((table) => table.name === 'queue_members')?.key).toEqual(['queue_id', 'user_id']);
  });
});
