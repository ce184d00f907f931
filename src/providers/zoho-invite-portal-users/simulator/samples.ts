/** The test data of `zoho.invitePortalUsers` (src/simulator/samples.ts says what each part is for). */
import type { z } from 'zod';
import type { JsonObject, OperationSamples } from '../../../simulator/samples';
import { KINDS, STORM_DECKS } from '../../../simulator/storm-kinds';
import type { ZohoInvitePortalUsersInputSchema } from '../input';
import type { ZohoInvitePortalUsersSimConfig } from './config';
import { createZohoInvitePortalUsersSimulator } from './simulator';

type Input = z.input<typeof ZohoInvitePortalUsersInputSchema>;

/** A record id: digits, unique per `tag` and `i`; ids ending in 999 fail at the simulator (ids hold no `FAIL`). */
const recordId = (tag: number, i: number): string => `7${String(tag).padStart(6, '0')}${String(i).padStart(4, '0')}`;
const zohoJob = (data: unknown) => ({ portal_invite: [{ job_id: 'job-1', status: 'completed', data }] });
const zohoRecord = { details: { id: '1' }, code: 'SUCCESS', status: 'success' };
const list = (body: JsonObject, key: string): JsonObject[] => (body[key] ?? []) as JsonObject[];

const samples: OperationSamples<Input, ZohoInvitePortalUsersSimConfig> = {
  input: {
    module: 'Contacts',
    invites: [
      { id: '5020928000002387005', userTypeId: '5020928000000187001', type: 'invite', language: 'en_US' },
      { id: '5020928000002387007', userTypeId: '5020928000000187001', type: 'reinvite' },
    ],
  },
  idKeys: ['module', 'id', 'userTypeId'],
  users: { list: 'invites', key: 'id' },
  csv: { columns: ['id', 'userTypeId', 'type', 'language'], set: ['module=Contacts'] },
  storm: {
    // 101 records: two batches (100 + 1); the last record of the first batch fails.
    input: (tag) => ({
      module: `Storm_${tag}`,
      invites: Array.from({ length: 101 }, (_, i) => ({
        id: i === 99 ? `${recordId(tag, 9)}999` : recordId(tag, i),
        userTypeId: '1',
        type: 'invite' as const,
      })),
    }),
    faults: { start: STORM_DECKS.settledStart, status: [...STORM_DECKS.statusReads, KINDS.rate429s] },
  },
  crash: {
    input: {
      module: 'Contacts',
      invites: [{ id: '5725767000000411001', userTypeId: '5725767000000407001', type: 'invite' }],
    },
    // Collecting re-reads the job status: the 8 polls of the job come first.
    itemsEndpoint: 'status',
    itemsSkip: 8,
    uncertainStart: 'settled',
  },
  drift: {
    status: {
      endpoint: 'status',
      isTarget: () => true,
      valid: zohoJob([zohoRecord]),
      missing: [{ portal_invite: [{ job_id: 'job-1', data: null }] }, 'portal_invite[0].status'],
      wrongType: [{ portal_invite: { job_id: 'job-1' } }, 'portal_invite'],
    },
    // Collecting reads the job status again.
    items: {
      endpoint: 'status',
      skip: 1,
      isTarget: () => true,
      valid: zohoJob([zohoRecord]),
      missing: [zohoJob([{ details: { id: '1' }, status: 'success' }]), 'portal_invite[0].data[0].code'],
      wrongType: [zohoJob([{ ...zohoRecord, message: 5 }]), 'portal_invite[0].data[0].message'],
    },
  },
  documentedExample: {
    fixture: 'zoho-portal-bulk-invite-request.json',
    // The module is a path segment, not part of the body.
    input: (example) => ({
      module: 'Contacts',
      invites: list(example, 'portal_invite')
        .flatMap((entry) => list(entry, 'data'))
        .map(({ id, user_type_id, type, language }) => ({ id, userTypeId: user_type_id, type, language })),
    }),
    unbatch: (bodies) => ({
      portal_invite: [{ data: bodies.flatMap((body) => list(body, 'portal_invite').flatMap((e) => e['data'])) }],
    }),
  },
  demo: {
    what: 'invite 40 CRM contacts to a Zoho portal',
    input: {
      module: 'Contacts',
      invites: Array.from({ length: 40 }, (_, i) => ({
        id: `57257670000004${String(11000 + i).padStart(5, '0')}`,
        userTypeId: '5725767000000407001',
        type: 'invite',
      })),
    },
  },
};

/** The simulator of `zoho.invitePortalUsers` and its test data: its entry in src/simulator-registry.ts. */
export const zohoInvitePortalUsersSimulation = { create: createZohoInvitePortalUsersSimulator, samples };
