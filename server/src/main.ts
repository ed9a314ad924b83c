// Entry point of the language server bundle (dist/server.js).
//   node dist/server.js --stdio            (Neovim, Emacs, tests)
//   node dist/server.js --node-ipc         (the VS Code client)
//   node dist/server.js --socket=PORT
// createConnection() reads the transport from these arguments; on stdio the messages' framing is
// checked first (transport.ts): a bad Content-Length is logged and the server exits non-zero, so
// that the client restarts it, instead of staying alive and deaf. The same bundle also runs as the
// knowledge-base build worker thread (workers/buildWorker.ts) and the check worker thread for large
// drafts (workers/checkWorker.ts).
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FrameGuard } from './transport';
import { isBuildWorker, runBuildWorker } from './workers/buildWorker';
import { isCheckWorker, runCheckWorker } from './workers/checkWorker';

function main(): void {
  const transports = ['--stdio', '--node-ipc'];
  const known = (a: string) => transports.includes(a) || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId');
  if (!process.argv.some(known)) {
    console.error('usage: node dist/server.js --stdio | --node-ipc | --socket=PORT');
    process.exit(2);
  }
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // Never let an unexpected error end the process: log it to the client's output channel.
  process.on('uncaughtException', (e) => connection.console.error(`chancery: uncaught ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`chancery: unhandled rejection ${String((e as Error)?.stack ?? e)}`));
  startServer(connection);
}

/** The connection over stdin and stdout, its framing checked (transport.ts). */
function stdioConnection(): Connection {
  let connection: Connection | undefined;
  const guard = new FrameGuard((why) => {
    const m = `chancery: the client sent ${why}; the messages after it cannot be read, so the server exits (the client may restart it)`;
    process.stderr.write(m + '\n');
    connection?.console.error(m);
    setTimeout(() => process.exit(1), 100);
  });
  process.stdin.pipe(guard);
  // Given streams, the library ends the process when stdin ends (0 after shutdown, else 1), as with --stdio.
  connection = createConnection(ProposedFeatures.all, guard, process.stdout);
  consoleToClient(connection);
  return connection;
}

/** console.* goes to the client's log, not to stdout (which carries the protocol). */
function consoleToClient(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = console.trace = (...a: unknown[]) => connection.console.log(text(a));
  console.warn = (...a: unknown[]) => connection.console.warn(text(a));
  console.error = (...a: unknown[]) => connection.console.error(text(a));
  console.dir = (o: unknown) => connection.console.log(inspect(o));
}

if (isBuildWorker()) runBuildWorker();
else if (isCheckWorker()) runCheckWorker();
else main();
