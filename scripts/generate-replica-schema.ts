import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPLICA_SCHEMA_PATH, replicaSchemaSource } from '../src-main/sync/describe-replica';

// `npm run schema:replica`: rewrites the shared description of the replica's schema after a change to src-main/store/schema.
const target = fileURLToPath(new URL(`../${REPLICA_SCHEMA_PATH}`, import.meta.url));
writeFileSync(target, replicaSchemaSource());
process.stdout.write(`wrote ${REPLICA_SCHEMA_PATH}\n`);
