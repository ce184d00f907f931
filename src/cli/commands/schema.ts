/** `bulkflow schema <operation>`: the input an operation takes, its CSV columns with their types, and an example. */
import type { Command } from 'commander';
import { OPERATION_IDS } from '../../domain/job';
import { getOperation } from '../../providers/registry';
import { println } from '../context';
import type { CliIo } from '../context';
import { schemaText } from '../schema-text';

export function registerSchema(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('schema')
    .description("show an operation's input: fields, CSV columns with their types, an example row")
    .argument('<operation>', `one of ${OPERATION_IDS.join(', ')}`)
    .addHelpText(
      'after',
      '\nExample:\n  $ bulkflow schema oracle.syncUsers\n\nEvery operation has an example file in examples/.',
    )
    .action((operation: string) => {
      println(io.stdout, schemaText(getOperation(operation)));
      exit(0);
    });
}
