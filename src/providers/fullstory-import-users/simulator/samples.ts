/** The test data of `fullstory.importUsers` (src/simulator/samples.ts says what each part is for). */
import type { z } from 'zod';
import type { JsonObject, OperationSamples } from '../../../simulator/samples';
import { STORM_DECKS } from '../../../simulator/storm-kinds';
import type { FullStoryImportUsersInputSchema } from '../input';
import type { FullStoryImportUsersSimConfig } from './config';
import { createFullStoryImportUsersSimulator } from './simulator';

type Input = z.input<typeof FullStoryImportUsersInputSchema>;

const fullstoryStatus = { imports: 1, job: { id: 'job-1', status: 'COMPLETED' } };
const fullstoryErrors = { results: [{ message: 'no', code: 'invalid_argument', user: { uid: 'u1' } }] };
const list = (body: JsonObject, key: string): unknown[] => (body[key] ?? []) as unknown[];

const samples: OperationSamples<Input, FullStoryImportUsersSimConfig> = {
  input: {
    users: [
      {
        uid: 'user-1',
        display_name: 'Zoë Ødegård',
        email: 'zoe@example.com',
        properties: { plan: { tier: 'gold' } },
      },
      { uid: 'user-2', id: 'fs-1' },
    ],
  },
  idKeys: ['uid', 'id'],
  // Custom properties and their schema are the customer's own JSON.
  freeFormKeys: ['properties', 'schema'],
  users: { list: 'users', key: 'uid' },
  csv: { columns: ['uid', 'id', 'display_name', 'email'] },
  storm: {
    input: (tag) => ({
      users: ['a', 'b', 'c', 'FAIL'].map((u) => ({ uid: `s${tag}-${u}`, display_name: `User ${u}` })),
    }),
    faults: {
      start: STORM_DECKS.settledStart,
      status: STORM_DECKS.statusReads,
      errors: STORM_DECKS.pageReads,
      imports: STORM_DECKS.pageReads,
    },
  },
  crash: {
    input: {
      users: [
        { uid: 'u-1', email: 'one@example.test' },
        { uid: 'u-2-FAIL', email: 'two@example.test' },
      ],
    },
    itemsEndpoint: 'errors',
    uncertainStart: 'settled',
  },
  drift: {
    status: {
      endpoint: 'status',
      isTarget: (url) => url.pathname.endsWith('/job-1'),
      valid: fullstoryStatus,
      missing: [{ imports: 1, job: { status: 'COMPLETED' } }, 'job.id'],
      wrongType: [{ ...fullstoryStatus, imports: 'one' }, 'imports'],
    },
    items: {
      endpoint: 'errors',
      isTarget: (url) => url.pathname.endsWith('/errors'),
      valid: fullstoryErrors,
      // Every field of a page is optional (protobuf JSON leaves empty ones out): what can go missing is a row itself.
      missing: [{ results: [null] }, 'results[0]'],
      wrongType: [{ results: [{ message: 'no', code: 7, user: { uid: 'u1' } }] }, 'results[0].code'],
      otherwise: { body: { results: [] } },
    },
  },
  documentedExample: {
    fixture: 'fullstory-users-batch-create-request.json',
    input: (example) => ({ users: list(example, 'requests') }),
    unbatch: (bodies) => ({ requests: bodies.flatMap((body) => list(body, 'requests')) }),
  },
  demo: {
    what: 'import 500 users into FullStory',
    input: {
      users: Array.from({ length: 500 }, (_, i) => ({
        uid: i % 97 === 5 ? `FAIL-${i}` : `user-${i}`,
        email: `user.${i}@example.com`,
        display_name: `User ${i}`,
      })),
    },
  },
};

/** The simulator of `fullstory.importUsers` and its test data: its entry in src/simulator-registry.ts. */
export const fullstoryImportUsersSimulation = { create: createFullStoryImportUsersSimulator, samples };
