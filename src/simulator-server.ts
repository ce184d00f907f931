/**
 * Runs the provider simulators as a process: `npm run simulator -- --port 8787 [--host 127.0.0.1]`.
 * Env: BULKFLOW_SIMULATOR_PORT, BULKFLOW_SIMULATOR_HOST, BULKFLOW_SIMULATOR_TOKENS (comma-separated bearer tokens;
 * unset = no auth). Stops cleanly on SIGINT / SIGTERM.
 */
import pino from 'pino';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from './domain/errors';
import { createAllSimulators } from './simulator-registry';
import { startSimulator, type SimulatorServer } from './simulator/server';
import { firstField } from './domain/field-path';
import { stopOnSignals } from './shutdown';

/** Default port of the standalone simulator. */
export const DEFAULT_SIMULATOR_PORT = 8787;

const SimulatorCliSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SIMULATOR_PORT),
  host: z.string().min(1).default('127.0.0.1'),
  tokens: z.string().optional(),
});
export type SimulatorCli = z.infer<typeof SimulatorCliSchema>;

/**
 * Options from argv (`--port`, `--host`) over env.
 * Thrown when a value is invalid: ConfigError naming the option.
 */
export function parseSimulatorCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorCli {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const parsed = SimulatorCliSchema.safeParse({
    port: values.port ?? env.BULKFLOW_SIMULATOR_PORT,
    host: values.host ?? env.BULKFLOW_SIMULATOR_HOST,
    tokens: env.BULKFLOW_SIMULATOR_TOKENS,
  });
  if (parsed.success) return parsed.data;
  const { field, message } = firstField('', parsed.error.issues);
  throw new ConfigError(`--${field}`, message);
}

/** Runs the simulators until SIGINT/SIGTERM (also `bulkflow simulator`). Thrown on invalid options or a busy port. */
export async function runSimulator(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const log = pino({ name: 'bulkflow-simulator', level: process.env.BULKFLOW_LOG_LEVEL ?? 'info' });
  const cli = parseSimulatorCli(argv, process.env);
  const bearerTokens = (cli.tokens ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const server: SimulatorServer = await startSimulator({
    port: cli.port,
    host: cli.host,
    simulators: createAllSimulators(),
    logger: log,
    ...(bearerTokens.length > 0 ? { auth: { bearerTokens } } : {}),
  });
  log.info({ url: server.url, auth: bearerTokens.length > 0 }, 'simulator ready');
  stopOnSignals({ name: 'simulator', log, stop: () => server.close() });
}

if (require.main === module) {
  runSimulator().catch((err: unknown) => {
    pino({ name: 'bulkflow-simulator' }).fatal({ err }, 'simulator failed to start');
    process.exit(1);
  });
}
