import { defineConfig } from 'drizzle-kit';

// drizzle-kit only reads the schema and writes SQL; it never touches a real (encrypted) database.
export default defineConfig({
  dialect: 'sqlite',
  schema: './core/db/schema.ts',
  out: './core/db/migrations',
});
