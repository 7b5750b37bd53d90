import { defineConfig } from 'drizzle-kit';

// The sync server's PostgreSQL schema. drizzle-kit only reads the schema and writes SQL here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
