import { defineConfig } from 'drizzle-kit';

/** The relay's central ledger (Postgres or PGlite); the desktop store has its own `drizzle.config.ts`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-relay/db/schema.ts',
  out: './drizzle-relay',
});
