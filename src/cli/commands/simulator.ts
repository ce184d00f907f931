/** `bulkflow simulator [--port] [--host]`: the provider simulators as a foreground process. */
import type { Command } from 'commander';

export function registerSimulator(program: Command): void {
  program
    .command('simulator')
    .description('run the provider simulators until Ctrl-C (tokens: BULKFLOW_SIMULATOR_TOKENS)')
    .option('-p, --port <port>', 'port (default BULKFLOW_SIMULATOR_PORT or 8787)')
    .option('--host <host>', 'host (default BULKFLOW_SIMULATOR_HOST or 127.0.0.1)')
    .addHelpText('after', '\nExample:\n  $ bulkflow simulator --port 8787')
    .action(async (flags: { port?: string; host?: string }) => {
      const argv = [...(flags.port ? ['--port', flags.port] : []), ...(flags.host ? ['--host', flags.host] : [])];
      // Loaded on use, as `dev` is: every operation's simulator is code no other command needs.
      const { runSimulator } = await import('../../simulator-server');
      await runSimulator(argv);
    });
}
