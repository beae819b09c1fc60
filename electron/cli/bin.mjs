#!/usr/bin/env node
// The `funding-terminal` command. Plain JavaScript so that it can refuse an old Node in words:
// the TypeScript entry points need Node's type stripping (22.18 and later; docs/desktop.md).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`funding-terminal needs Node 22.18 or later; this is Node ${process.versions.node}. ` +
    'Install a newer Node, or run it from the repository with "npm run -s cli -- <command>" (npm scripts bring Node 24).\n');
  process.exit(1);
}
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) });
