import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// `--stdio`, `--node-ipc` or `--socket=N`: createConnection reads the transport from argv.
const connection = createConnection(ProposedFeatures.all);

// A failure in one asynchronous task is logged; it must never take the server down.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});
process.on('uncaughtException', (error) => {
  connection.console.error(`Uncaught exception: ${error.stack ?? error.message}`);
});

startServer(connection);
