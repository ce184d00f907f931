/** The test data of `oracle.syncUsers` (src/simulator/samples.ts says what each part is for). */
import type { z } from 'zod';
import type { JsonObject, OperationSamples } from '../../../simulator/samples';
import { KINDS, STORM_DECKS } from '../../../simulator/storm-kinds';
import type { OracleSyncUsersInputSchema } from '../input';
import type { OracleSyncUsersSimConfig } from './config';
import { createOracleSyncUsersSimulator } from './simulator';

type Input = z.input<typeof OracleSyncUsersInputSchema>;

const stormUser = (loginId: string) => ({
  loginId,
  firstName: 'Ada',
  lastName: 'Storm',
  emailAddress: `${loginId.toLowerCase()}@company.example`,
  disabled: false,
  organization: { name: 'sfo', type: 'Company' },
});
const demoUser = (i: number) => ({
  loginId: i === 3 ? `demo.FAIL.${i}` : `demo.user.${i}`,
  firstName: `Demo${i}`,
  lastName: 'User',
  emailAddress: `demo.user.${i}@example.com`,
  disabled: false,
  organization: { name: 'Demo Construction' },
});
const oracleEcho = { added: [{ loginId: 'A0', statusInfo: 'User created', statusInfoOK: true }] };
const list = (body: JsonObject, key: string): unknown[] => (body[key] ?? []) as unknown[];

const samples: OperationSamples<Input, OracleSyncUsersSimConfig> = {
  input: {
    added: [
      {
        loginId: 'JSMITH',
        firstName: 'Jim',
        lastName: 'Smith',
        emailAddress: 'jsmith@company.example',
        disabled: false,
        organization: { name: 'sfo', type: 'Company' },
        roles: [{ name: 'PrimaveraUnifierProduction' }],
        startDate: '2026-01-31T00:00:00Z',
      },
    ],
    modified: [],
    deleted: ['OLDUSER'],
  },
  idKeys: ['loginId', 'deleted'],
  users: { list: 'added', key: 'loginId' },
  csv: {
    columns: ['loginId', 'firstName', 'lastName', 'emailAddress', 'disabled', 'organization'],
    itemsField: 'added',
  },
  storm: {
    input: (tag) => ({
      added: [stormUser(`s${tag}-A`), stormUser(`s${tag}-B-FAIL`)],
      modified: [stormUser(`s${tag}-M`)],
    }),
    faults: {
      start: STORM_DECKS.definiteStart,
      status: STORM_DECKS.statusReadsAll,
      draft: [KINDS.s503, KINDS.reset],
      log: [KINDS.rate429s, KINDS.truncated],
    },
    // Jobs of other connections run side by side; the 409 of a running job is proven in oracle-sync-users.test.ts.
    simulator: { pollsToComplete: 3, conflictWhileRunning: false },
    // The tenant is the connection, and Oracle runs one job at a time for it (`tenantPermits: 1`).
    connectionPerJob: true,
  },
  crash: {
    input: {
      added: [
        {
          loginId: 'crash.one',
          firstName: 'One',
          lastName: 'Crash',
          emailAddress: 'one@example.test',
          disabled: false,
          organization: { name: 'Crash Co' },
        },
        {
          loginId: 'crash.FAIL',
          firstName: 'Two',
          lastName: 'Crash',
          emailAddress: 'two@example.test',
          disabled: false,
          organization: { name: 'Crash Co' },
        },
      ],
    },
    // A user failed, so collecting fetches the failed-users CSV.
    itemsEndpoint: 'draft',
    uncertainStart: 'ambiguous',
  },
  drift: {
    status: {
      endpoint: 'status',
      isTarget: (url) => url.pathname.endsWith('/job-1'),
      valid: oracleEcho,
      missing: [{ added: [{ statusInfo: 'User created' }] }, 'added[0].loginId'],
      wrongType: [{ added: [{ loginId: 'A0', statusInfoOK: 'yes' }] }, 'added[0].statusInfoOK'],
    },
    // Collecting reads the echo of the status endpoint again.
    items: {
      endpoint: 'status',
      skip: 1,
      isTarget: (url) => url.pathname.endsWith('/job-1'),
      valid: oracleEcho,
      missing: [{ deleteFailed: [{ statusInfo: 'no' }] }, 'deleteFailed[0]'],
      wrongType: [{ added: 'A0' }, 'added'],
      otherwise: { status: 404, text: 'Not Found' },
    },
  },
  documentedExample: {
    fixture: 'oracle-primavera-admin-create-user-request.json',
    // Our input is Oracle's own `UserDataStore`.
    input: (example) => example,
    unbatch: (bodies) => {
      const lists = ['added', 'modified', 'deleted'].map((key) => [key, bodies.flatMap((b) => list(b, key))] as const);
      return Object.fromEntries(lists.filter(([, users]) => users.length > 0));
    },
  },
  demo: {
    what: 'create 12 users in Oracle Primavera Administration',
    input: { added: Array.from({ length: 12 }, (_, i) => demoUser(i)) },
  },
};

/** The simulator of `oracle.syncUsers` and its test data: its entry in src/simulator-registry.ts. */
export const oracleSyncUsersSimulation = { create: createOracleSyncUsersSimulator, samples };
