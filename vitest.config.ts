import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
      'models/**/*.test.ts',
      'rules/**/*.test.ts',
      'server/**/*.test.ts',
      'build/**/*.test.ts',
    ],
    environment: 'node',
    // scrypt and SQLCipher work is CPU-bound; two workers suit the 2-core CI machine.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
