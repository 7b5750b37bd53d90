#!/usr/bin/env node
// The `bioai` command. The CLI is TypeScript run by Node 22's built-in type stripping
// (no build step), so this launcher only checks the Node version and hands over.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`bioai needs Node.js 22.18 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
const { main, endQuietlyOnClosedPipe } = await import('../core/cli/main.ts');
endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
