/** The test data of `webex.resendActivationEmails` (src/simulator/samples.ts says what each part is for). */
import type { z } from 'zod';
import type { OperationSamples } from '../../../simulator/samples';
import { KINDS, STORM_DECKS } from '../../../simulator/storm-kinds';
import type { WebexResendActivationEmailsInputSchema } from '../input';
import type { WebexResendActivationEmailsSimConfig } from './config';
import { createWebexResendActivationEmailsSimulator } from './simulator';

type Input = z.input<typeof WebexResendActivationEmailsInputSchema>;

const webexJob = { id: 'job-1', latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED' };
const resendJob = { ...webexJob, counts: { totalUsers: 1, userResendInviteSent: 1 } };
const webexError = { itemNumber: 1, item: 'u1', error: { key: '400', message: [{ description: 'no', code: '1' }] } };

const samples: OperationSamples<Input, WebexResendActivationEmailsSimConfig> = {
  input: { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x' },
  idKeys: ['orgId'],
  // A whole org: the job names no users, so the org's own population (5 users, one failing, one skipped) stands in.
  storm: {
    input: (tag) => ({ orgId: `s${tag}-org` }),
    faults: {
      start: STORM_DECKS.definiteStart,
      status: STORM_DECKS.statusReadsAll,
      errors: [KINDS.rate429s, KINDS.s503, KINDS.reset, KINDS.truncated],
    },
    simulator: { pollsToComplete: 4, orgUsers: 5, failUsers: [1], skipUsers: [3] },
  },
  crash: {
    input: { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9jcmFzaA' },
    itemsEndpoint: 'errors',
    uncertainStart: 'ambiguous',
  },
  drift: {
    status: {
      endpoint: 'status',
      isTarget: (url) => url.pathname.endsWith('/status'),
      valid: resendJob,
      missing: [webexJob, 'counts'],
      wrongType: [{ ...resendJob, latestExecutionStatus: 3 }, 'latestExecutionStatus'],
    },
    items: {
      endpoint: 'errors',
      isTarget: (url) => url.pathname.endsWith('/errors'),
      valid: { items: [webexError] },
      missing: [{}, 'items'],
      wrongType: [{ items: [{ ...webexError, error: 'no' }] }, 'items[0].error'],
    },
  },
  demo: {
    what: 're-send activation e-mails to a whole Webex org',
    input: { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9kZW1v' },
  },
};

/** The simulator of `webex.resendActivationEmails` and its test data: its entry in src/simulator-registry.ts. */
export const webexResendActivationEmailsSimulation = { create: createWebexResendActivationEmailsSimulator, samples };
