/** `bulkflow dev`: the embedded stack of `npm start` (dev server, simulators, worker, HTTP API). */
import type { Command } from 'commander';

export function registerDev(program: Command): void {
  program
    .command('dev')
    .description('run the embedded stack until Ctrl-C: Temporal dev server + UI, simulators, a worker, the HTTP API')
    .addHelpText(
      'after',
      '\nPorts: TEMPORAL_DEV_PORT (7233), TEMPORAL_UI_PORT (8233), BULKFLOW_SIMULATOR_PORT (8787), BULKFLOW_API_PORT (8080),\n' +
        'BULKFLOW_CODEC_PORT (8081, the codec server the Web UI decodes through); a busy one is named with its variable.\n' +
        'Data: .data/ of the checkout (BULKFLOW_DEV_DATA_DIR), one stack at a time. Payloads are encrypted under a master\n' +
        'key made on the first run there (encryption-keys.json). Once up, the stack writes stack.json there: the CLI and\n' +
        'the typed client beside it then need no setting (while no flag, TEMPORAL_* variable or temporal profile names a Temporal).\n\nExample:\n  $ bulkflow dev',
    )
    .action(async () => {
      // Loaded on use: the stack brings the worker, webpack and Fastify, which no other command needs at start.
      const { runDevStack } = await import('../../dev');
      await runDevStack();
    });
}
