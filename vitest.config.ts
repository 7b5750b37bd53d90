import { defineConfig } from 'vitest/config';
import { contractAlias } from './build/aliases.ts';

export default defineConfig({
  resolve: { alias: contractAlias },
  test: {
    // Every answer of the core is checked against the contract's output schema (core/host/dispatch.ts).
    env: { BIOAI_CHECK_OUTPUTS: '1' },
    // scrypt and SQLCipher work is CPU-bound; two workers suit the 2-core CI machine.
    maxWorkers: 2,
    // Generous: CLI tests unlock with the production scrypt cost, and CI may share the two cores with
    // another job (a limit that holds only on an idle machine fails at random).
    testTimeout: 90_000,
    // Set-up hooks open encrypted databases and load the bundled foods: the same reasoning applies.
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
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
        },
      },
      {
        // Renderer components in a DOM (happy-dom), talking to a real core through the browser host
        // that the global set-up starts (scripts/renderer-test-host.ts), as the app does in a browser.
        extends: true,
        test: {
          name: 'renderer-dom',
          include: ['renderer/**/*.test.tsx'],
          environment: 'happy-dom',
          globalSetup: ['scripts/renderer-test-host.ts'],
        },
      },
    ],
  },
});
