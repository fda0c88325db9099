import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replicaSchemaFiles } from '../src-main/sync/describe-replica';

// `npm run schema:replica`: rewrites the shared description of the replica's schema after a change to src-main/store/schema.
for (const [path, source] of Object.entries(replicaSchemaFiles())) {
  const target = fileURLToPath(new URL(`../${path}`, import.meta.url));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, source);
  process.stdout.write(`wrote ${path}\n`);
}
