import { fileURLToPath } from 'node:url';

/**
 * `@contract/…` is the renderer's name for core/contract/, the one layer it shares with the core
 * (the TypeScript side of it is `paths` in tsconfig.base.json). Only bundled code uses it: code that
 * Node runs directly (the core, the CLI, the server) imports the contract by relative path.
 *
 * The folder is found from this file's URL, which Vite's config loader keeps per source file when it
 * bundles a config (electron-vite does); `import.meta.dirname` is not kept there, and resolved to the
 * wrong folder, so the one value import (@contract/labels.ts) could not be loaded.
 */
export const contractAlias = { '@contract': fileURLToPath(new URL('../core/contract', import.meta.url)) };
