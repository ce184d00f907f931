import { z } from 'zod';
import { WebexJobBaseShape } from '../../../../../src/providers/webex-jobs/schemas';
import { renderJobEnvelope } from '../../../../../src/providers/webex-jobs/simulator/render';
import { loadFixture } from '../../../../helpers/fixtures';

const job = { id: 'job-1', trackingId: 'NA_1', orgId: 'org-1', instanceId: 7 };
const execution = { id: 3, statusMessage: 'STARTED', exitCode: 'UNKNOWN' };
const state = { adminId: 'admin-1', executions: [execution], status: 'STARTED', exitCode: 'UNKNOWN' };

describe('renderJobEnvelope', () => {
  it('writes the job, its org as source and target, its admin and its executions', () => {
    expect(renderJobEnvelope(job, { ...state, name: 'moveusers' })).toEqual({
      name: 'moveusers',
      id: 'job-1',
      trackingId: 'NA_1',
      sourceUserId: 'admin-1',
      sourceCustomerId: 'org-1',
      targetCustomerId: 'org-1',
      instanceId: 7,
      jobExecutionStatus: [execution],
      latestExecutionStatus: 'STARTED',
      latestExecutionExitCode: 'UNKNOWN',
    });
  });

  it('leaves name out when the answer has none', () => {
    expect(renderJobEnvelope(job, { ...state, name: undefined })).not.toHaveProperty('name');
  });

  it.each(['webex-move-users-status-200', 'webex-activation-email-resend-status-200'])(
    "writes the fields of %s's envelope, in its order, as the shared wire shape reads them",
    (fixture) => {
      const envelope = renderJobEnvelope(job, { ...state, name: 'x' });
      const documented = Object.keys(loadFixture(fixture) as Record<string, unknown>);
      expect(Object.keys(envelope)).toEqual(documented.filter((key) => key in WebexJobBaseShape));
      expect(z.strictObject(WebexJobBaseShape).parse(envelope)).toEqual(envelope);
    },
  );
});
