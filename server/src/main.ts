// Entry point of the language server bundle (dist/server.js).
//   node dist/server.js --stdio            (Neovim, Emacs, tests)
//   node dist/server.js --node-ipc         (the VS Code client)
//   node dist/server.js --socket=PORT
// createConnection() reads the transport from these arguments. The same bundle also runs as the
// knowledge-base build worker thread (workers/buildWorker.ts) and the check worker thread for large
// drafts (workers/checkWorker.ts).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { isBuildWorker, runBuildWorker } from './workers/buildWorker';
import { isCheckWorker, runCheckWorker } from './workers/checkWorker';

function main(): void {
  const transports = ['--stdio', '--node-ipc'];
  const known = (a: string) => transports.includes(a) || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId');
  if (!process.argv.some(known)) {
    console.error('usage: node dist/server.js --stdio | --node-ipc | --socket=PORT');
    process.exit(2);
  }
  const connection = createConnection(ProposedFeatures.all);
  // Never let an unexpected error end the process: log it to the client's output channel.
  process.on('uncaughtException', (e) => connection.console.error(`chancery: uncaught ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`chancery: unhandled rejection ${String((e as Error)?.stack ?? e)}`));
  startServer(connection);
}

if (isBuildWorker()) runBuildWorker();
else if (isCheckWorker()) runCheckWorker();
else main();
