/**
 * `bulkflow callback-secret <tenant>`: prints the secret a tenant's callback receivers verify signatures with,
 * derived from the workers' BULKFLOW_CALLBACK_SECRET (src/http/callback-signature.ts). Hand each tenant only its own.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { ConfigError } from '../../domain/errors';
import { TenantSchema } from '../../domain/request';
import { callbackSecretFor } from '../../http/callback-signature';
import { println } from '../context';
import type { CliIo } from '../context';

export function registerCallbackSecret(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('callback-secret')
    .description(
      "print the secret a tenant's callback receivers check signatures with (needs BULKFLOW_CALLBACK_SECRET)",
    )
    .argument('<tenant>', 'the tenant as jobs name it, e.g. a Webex orgId or a connection name')
    .addHelpText('after', '\nExample:\n  $ bulkflow callback-secret org-1')
    .action((tenant: string) => {
      const parsed = TenantSchema.safeParse(tenant);
      if (!parsed.success) throw new ConfigError('<tenant>', parsed.error.issues[0]?.message ?? 'invalid');
      const secret = loadConfig(io.env, { isolated: true }).callbackSecret;
      if (!secret) throw new ConfigError('BULKFLOW_CALLBACK_SECRET', "is not set: it is the workers' callback secret");
      println(io.stdout, callbackSecretFor(secret, parsed.data));
      exit(0);
    });
}
