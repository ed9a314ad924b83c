// Entry point of the language server bundle (dist/server.js).
//   node dist/server.js --stdio            (Neovim, Emacs, tests)
//   node dist/server.js --node-ipc         (the VS Code client)
//   node dist/server.js --socket=PORT
// createConnection() reads the transport from these arguments.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const transports = ['--stdio', '--node-ipc'];
if (!process.argv.some((a) => transports.includes(a) || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  console.error('usage: node dist/server.js --stdio | --node-ipc | --socket=PORT');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// Never let an unexpected error end the process: log it to the client's output channel.
process.on('uncaughtException', (e) => connection.console.error(`chancery: uncaught ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`chancery: unhandled rejection ${String((e as Error)?.stack ?? e)}`));
startServer(connection);
