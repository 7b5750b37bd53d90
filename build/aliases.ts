import path from 'node:path';

/**
 * `@contract/…` is the renderer's name for core/contract/, the one layer it shares with the core
 * (the TypeScript side of it is `paths` in tsconfig.base.json). Only bundled code uses it: code that
 * Node runs directly (the core, the CLI, the server) imports the contract by relative path.
 */
export const contractAlias = { '@contract': path.join(import.meta.dirname, '..', 'core', 'contract') };
