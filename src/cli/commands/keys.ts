/**
 * `bulkflow keys …`: master key files and the tenant key store (docs/security.md). `generate` writes a new key
 * file (0600); `rotate` adds a new primary master key to the key file and rewraps every data key under it;
 * `rewrap` rewraps what processes with the old key file created meanwhile; `erase-tenant` deletes one tenant's
 * data key, which makes all of that tenant's job data unreadable for good.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { tenantTag } from '../../job-id';
import { eraseScope, rewrapAll, wrappingUsage } from '../../codec/key-admin';
import { addPrimaryKey, createKeyFile } from '../../codec/key-file-admin';
import { withNewPrimary } from '../../codec/master-keys';
import { fileModesOf } from '../../fs/shared-files';
import { ConfigError } from '../../domain/errors';
import { println, requester, withClient } from '../context';
import type { CliIo } from '../context';
import { encryptionOf, keyFileOf, modesOf } from '../keys-settings';

type Exit = (code: number) => void;

function usageLine(usage: Record<string, number>, primary: string): string {
  const entries = Object.entries(usage);
  if (entries.length === 0) return 'no data keys yet';
  return entries.map(([id, n]) => `${id}${id === primary ? ' (primary)' : ''}: ${n} data key(s)`).join(', ');
}

function registerGenerate(keys: Command, io: CliIo, exit: Exit): void {
  keys
    .command('generate')
    .description('write a new master key file (0600) with one random key, or print a key for the environment')
    .argument('[file]', 'the key file to create (never overwritten)')
    .option('--id <id>', 'the key id', 'k1')
    .option('--env', 'print an `id:base64` entry for BULKFLOW_ENCRYPTION_KEYS instead of writing a file')
    .addHelpText(
      'after',
      '\nExamples:\n  $ bulkflow keys generate /etc/bulkflow/keys.json\n  $ bulkflow keys generate --env --id k2',
    )
    .action(async (file: string | undefined, flags: { id: string; env?: boolean }) => {
      if (flags.env) {
        const key = withNewPrimary(undefined, randomBytes(32), flags.id).keys.get(flags.id) as Buffer;
        io.stdout.write(`${flags.id}:${key.toString('base64')}\n`);
        return exit(0);
      }
      if (!file) throw new ConfigError('file', 'name the key file to create (or use --env)');
      if (!(await createKeyFile(file, fileModesOf('private'), flags.id))) {
        throw new ConfigError(file, 'exists already: a key file is never overwritten');
      }
      println(
        io.stdout,
        `wrote ${file} with master key ${flags.id} (primary); set BULKFLOW_ENCRYPTION_KEY_FILE=${file}`,
      );
      exit(0);
    });
}

function registerRotate(keys: Command, io: CliIo, exit: Exit): void {
  keys
    .command('rotate')
    .description('add a new primary master key to the key file and rewrap every data key under it')
    .option('--id <id>', 'id of the new key (default: the next k<n>)')
    .addHelpText(
      'after',
      '\nReads BULKFLOW_ENCRYPTION_KEY_FILE and BULKFLOW_TENANT_KEY_DIR.\n\nExample:\n  $ bulkflow keys rotate',
    )
    .action(async (flags: { id?: string }) => {
      const encryption = encryptionOf(io);
      const modes = modesOf(encryption);
      const master = await addPrimaryKey(keyFileOf(encryption), modes, flags.id);
      const report = await rewrapAll(encryption.tenantKeyDir, master, modes);
      println(io.stdout, `new primary master key ${master.primary} in ${keyFileOf(encryption)}`);
      println(io.stdout, `rewrapped ${report.rewrapped} data key(s); ${usageLine(report.wrappedBy, master.primary)}`);
      println(
        io.stdout,
        'restart every process with this key file, then run `bulkflow keys rewrap` (docs/security.md)',
      );
      exit(0);
    });
}

function registerRewrap(keys: Command, io: CliIo, exit: Exit): void {
  keys
    .command('rewrap')
    .description('rewrap every data key under the primary master key; tells which master keys still wrap any')
    .addHelpText('after', '\nExample:\n  $ bulkflow keys rewrap')
    .action(async () => {
      const encryption = encryptionOf(io);
      const report = await rewrapAll(encryption.tenantKeyDir, encryption.masterKeys, modesOf(encryption));
      const unused = [...encryption.masterKeys.keys.keys()].filter((id) => !(id in report.wrappedBy));
      println(
        io.stdout,
        `rewrapped ${report.rewrapped} data key(s); ${usageLine(report.wrappedBy, encryption.masterKeys.primary)}`,
      );
      if (unused.length > 0)
        println(io.stdout, `wrapping no data key: ${unused.join(', ')} (removable once no process uses it)`);
      exit(0);
    });
}

interface EraseFlags {
  readonly tag?: boolean;
  readonly yes?: boolean;
  readonly offline?: boolean;
  readonly requestedBy?: string;
}

/** Ends the tenant's running jobs that the erasure left without a key, and says which. */
async function endErasedJobsOf(io: CliIo, scope: string, requestedBy: string): Promise<void> {
  const ended = await withClient(io, (jobs) => jobs.endErasedJobs(scope, requestedBy));
  for (const jobId of ended) println(io.stdout, `ended job ${jobId} (its data can no longer be read)`);
}

function registerEraseTenant(keys: Command, io: CliIo, exit: Exit): void {
  keys
    .command('erase-tenant')
    .description(
      "delete a tenant's data key: every payload of its jobs becomes unreadable, everywhere, for good; " +
        'its running jobs are ended',
    )
    .argument('<tenant>', 'the tenant (as jobs name it, e.g. the Webex orgId), or its tag with --tag')
    .option('--tag', 'the argument is the tenant tag that job ids start with (t + 16 hex digits)')
    .option('--yes', 'really erase')
    .option('--offline', "erase the key only; end the tenant's running jobs later (run again, or bulkflow cancel)")
    .option(
      '--requested-by <who>',
      'recorded as who ended its running jobs (default: BULKFLOW_REQUESTED_BY or user@host)',
    )
    .addHelpText(
      'after',
      "\nReads BULKFLOW_TENANT_KEY_DIR and the master keys, then ends the tenant's running jobs through Temporal\n" +
        '(TEMPORAL_ADDRESS, BULKFLOW_TASK_QUEUE). Run it again if Temporal did not answer: the erasure is kept.\n' +
        '\nExample:\n  $ bulkflow keys erase-tenant Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x --yes',
    )
    .action(async (tenant: string, flags: EraseFlags) => {
      const scope = flags.tag ? tenant : tenantTag(tenant);
      if (!/^t[0-9a-f]{16}$/.test(scope)) throw new ConfigError('<tenant>', `${scope} is not a tenant tag`);
      const encryption = encryptionOf(io);
      if (!flags.yes) {
        println(
          io.stderr,
          `this deletes the data key of tenant tag ${scope} in ${encryption.tenantKeyDir}: every payload`,
        );
        println(
          io.stderr,
          "of the tenant's jobs (history, claim-check blobs, their backups) becomes unreadable for good,",
        );
        println(io.stderr, 'and its running jobs are ended. Run again with --yes to erase.');
        return exit(1);
      }
      const erased = await eraseScope(encryption.tenantKeyDir, scope, modesOf(encryption));
      println(io.stdout, erased ? `erased data key ${erased}` : `tenant tag ${scope} has no data key: nothing erased`);
      // Also when nothing was erased now: a run before may have erased the key and found Temporal down.
      if (!flags.offline) await endErasedJobsOf(io, scope, requester(io, flags.requestedBy));
      exit(0);
    });
}

function registerStatus(keys: Command, io: CliIo, exit: Exit): void {
  keys
    .command('status')
    .description('which master keys wrap how many data keys')
    .action(async () => {
      const encryption = encryptionOf(io);
      println(io.stdout, usageLine(await wrappingUsage(encryption.tenantKeyDir), encryption.masterKeys.primary));
      exit(0);
    });
}

export function registerKeys(program: Command, io: CliIo, exit: Exit): void {
  const keys = program
    .command('keys')
    .description('master keys and the tenant key store: generate, rotate, rewrap, erase-tenant, status');
  registerGenerate(keys, io, exit);
  registerRotate(keys, io, exit);
  registerRewrap(keys, io, exit);
  registerEraseTenant(keys, io, exit);
  registerStatus(keys, io, exit);
}
