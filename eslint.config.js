// ESLint flat config. Besides correctness rules it enforces the process boundaries:
// core/ never imports electron; renderer/ imports only its own code, UI packages, and the
// contract's TYPES (type-only imports from core/contract, as @contract/…).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tools/',
      'out/',
      'dist/',
      'release/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'core/db/migrations/',
      'server/db/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core/ runs in plain Node too: keep Electron in electron/.' }],
          patterns: [
            {
              group: ['electron/*', 'electron-store', '**/electron/**'],
              message: 'core/ must not depend on Electron.',
            },
            { group: ['**/renderer/**'], message: 'core/ must not import the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mantine/core',
              importNames: ['Modal'],
              message: 'Use AppModal (components/AppModal): it opens with the focus in the first field.',
            },
          ],
          patterns: [
            {
              // labels.ts is plain data with type-only imports (enforced below), shared word for word.
              group: ['@contract/**', '!@contract/labels.ts'],
              allowTypeImports: true,
              message: 'The renderer may import only TYPES from the contract (import type …).',
            },
            {
              group: ['../**/core/**', '../**/electron/**', 'node:*'],
              message: 'The renderer has no Node access and talks to the core only through the contract (@contract/…).',
            },
            {
              group: [
                'electron',
                'electron-store',
                'better-sqlite3-multiple-ciphers',
                'drizzle-orm',
                'drizzle-orm/*',
                'zod',
              ],
              message: 'Not in the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contract module the renderer may take values from must stay plain data: no zod, no core.
    files: ['core/contract/labels.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**'], allowTypeImports: true, message: 'labels.ts is plain data: type imports only.' }],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**/*.ts', '!**/core/contract/names.ts', '!**/core/contract/bridge.ts'],
              allowTypeImports: true,
              message: 'The preload only needs the method names.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.{js,mjs}'],
    rules: { 'no-console': 'off' },
  },
);
