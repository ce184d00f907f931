/** The test data of `webex.moveUsers` (src/simulator/samples.ts says what each part is for). */
import type { z } from 'zod';
import type { JsonObject, OperationSamples } from '../../../simulator/samples';
import { STORM_DECKS, KINDS } from '../../../simulator/storm-kinds';
import type { WebexMoveUsersInputSchema } from '../input';
import type { WebexMoveUsersSimConfig } from './config';
import { createWebexMoveUsersSimulator } from './simulator';

type Input = z.input<typeof WebexMoveUsersInputSchema>;

const webexJob = { id: 'job-1', latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED' };
const webexError = { itemNumber: 1, item: 'u1', error: { key: '400', message: [{ description: 'no', code: '1' }] } };
const list = (body: JsonObject, key: string): JsonObject[] => (body[key] ?? []) as JsonObject[];
const DEMO_LOCATIONS = ['loc-amsterdam', 'loc-boston', 'loc-chennai'];

const samples: OperationSamples<Input, WebexMoveUsersSimConfig> = {
  input: {
    orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x',
    users: [
      {
        userId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8x',
        locationId: 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzE',
        extension: '1234',
      },
      {
        userId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8y',
        locationId: 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzE',
        phoneNumber: '+14155550100',
      },
    ],
  },
  idKeys: ['orgId', 'userId', 'locationId'],
  users: { list: 'users', key: 'userId' },
  csv: { columns: ['userId', 'locationId', 'phoneNumber', 'extension'] },
  storm: {
    // One location, one batch: the lookup that settles an interrupted start cannot tell a job of this org created
    // moments before (an earlier batch) from ours, and rightly stops (see docs/reliability.md).
    input: (tag) => ({
      orgId: `s${tag}-org`,
      users: [0, 1, 2, 3].map((i) => ({
        userId: `s${tag}-${i}${i === 3 ? '-FAIL' : ''}`,
        locationId: 'loc-A',
        extension: String(2000 + i),
      })),
    }),
    faults: {
      start: STORM_DECKS.settledStart,
      list: [KINDS.s503, KINDS.rate429s],
      status: STORM_DECKS.statusReads,
      errors: STORM_DECKS.pageReads,
    },
  },
  crash: {
    input: {
      users: [
        { userId: 'user-1', locationId: 'loc-A', extension: '1001' },
        { userId: 'FAIL-user-2', locationId: 'loc-A', extension: '1002' },
      ],
    },
    itemsEndpoint: 'errors',
    uncertainStart: 'settled',
  },
  drift: {
    status: {
      endpoint: 'status',
      isTarget: (url) => url.pathname.endsWith('/job-1'),
      valid: webexJob,
      missing: [{ id: 'job-1' }, 'latestExecutionStatus'],
      wrongType: [{ ...webexJob, counts: { moved: '1' } }, 'counts.moved'],
    },
    items: {
      endpoint: 'errors',
      isTarget: (url) => url.pathname.endsWith('/errors'),
      valid: { items: [webexError] },
      missing: [{ paging: {} }, 'items'],
      wrongType: [{ items: [{ ...webexError, itemNumber: '1' }] }, 'items[0].itemNumber'],
    },
  },
  documentedExample: {
    fixture: 'webex-move-users-request.json',
    // Our input names each user's target location; the wire groups users by location.
    input: (example) => ({
      users: list(example, 'usersList').flatMap((entry) =>
        list(entry, 'users').map((user) => ({ ...user, locationId: entry['locationId'] })),
      ),
    }),
    unbatch: (bodies) => ({ usersList: bodies.flatMap((body) => list(body, 'usersList')) }),
  },
  demo: {
    what: `move 300 users to ${DEMO_LOCATIONS.length} new locations`,
    input: {
      users: Array.from({ length: 300 }, (_, i) => ({
        // Every 45th user is one the simulator refuses to move, to show per-user errors.
        userId: i % 45 === 7 ? `FAIL-user-${i}` : `user-${i}`,
        locationId: DEMO_LOCATIONS[i % DEMO_LOCATIONS.length] ?? 'loc-amsterdam',
        extension: String(2000 + i),
      })),
    },
  },
};

/** The simulator of `webex.moveUsers` and its test data: its entry in src/simulator-registry.ts. */
export const webexMoveUsersSimulation = { create: createWebexMoveUsersSimulator, samples };
