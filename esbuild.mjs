// Bundles the three entry points into dist/: the language server, the VS Code client and the CLI.
// Everything but `vscode` is bundled, so the .vsix ships dist/ and no node_modules.
// The embedded corpus is copied to dist/corpus/, where the server finds it at run time.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const options = {
  entryPoints: {
    server: 'server/src/main.ts',
    extension: 'client/src/extension.ts',
    cli: 'server/src/cli.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

mkdirSync('dist/corpus', { recursive: true });
cpSync('server/corpus', 'dist/corpus', { recursive: true });

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
