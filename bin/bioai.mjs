#!/usr/bin/env node
// The `bioai` command. It runs the prebuilt bundle in out/cli/ (`npm run build`) when it is current
// with the sources (see current-bundle.mjs), otherwise the TypeScript sources, run by Node 22's
// built-in type stripping. BIOAI_CLI_SOURCES=1 forces the sources.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`bioai needs Node.js 22.18 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
const { currentBundle } = await import('./current-bundle.mjs');
const bundle = currentBundle(new URL('../', import.meta.url), process.env.BIOAI_CLI_SOURCES === '1');
const { main, endQuietlyOnClosedPipe } = await import(bundle ? bundle.href : '../core/cli/main.ts');
endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
