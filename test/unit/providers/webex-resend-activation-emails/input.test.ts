import { firstIssue, type FirstIssue } from '../../../helpers/zod-issue';
import {
  MAX_ORG_ID_LENGTH,
  WebexResendActivationEmailsInputSchema,
} from '../../../../src/providers/webex-resend-activation-emails/input';
import { ORG_ID } from './sim-context';

const problemOf = (input: unknown): FirstIssue => firstIssue(WebexResendActivationEmailsInputSchema, input);

describe('WebexResendActivationEmailsInputSchema', () => {
  it('accepts a base64 Webex org id', () => {
    expect(WebexResendActivationEmailsInputSchema.parse({ orgId: ORG_ID })).toEqual({ orgId: ORG_ID });
  });

  it('accepts a padded and a URL-safe base64 org id', () => {
    expect(WebexResendActivationEmailsInputSchema.safeParse({ orgId: 'YWJjZA==' }).success).toBe(true);
    expect(WebexResendActivationEmailsInputSchema.safeParse({ orgId: 'a-b_c' }).success).toBe(true);
  });

  it('trims surrounding whitespace', () => {
    expect(WebexResendActivationEmailsInputSchema.parse({ orgId: ` ${ORG_ID} ` }).orgId).toBe(ORG_ID);
  });

  it.each([
    ['a missing orgId', {}],
    ['an empty orgId', { orgId: '' }],
    ['a blank orgId', { orgId: '   ' }],
    ['an orgId that is not a string', { orgId: 42 }],
    ['an orgId with characters outside base64', { orgId: 'org id/with spaces!' }],
    ['an orgId with a path separator trick', { orgId: '../people' }],
    ['an orgId longer than the bound', { orgId: 'A'.repeat(MAX_ORG_ID_LENGTH + 1) }],
    ['an orgId ending in a BOM that trimming would drop', { orgId: `${ORG_ID}\ufeff` }],
    ['an orgId with a zero-width space', { orgId: 'Y2lz\u200bY29z' }],
    ['an orgId with a control character', { orgId: 'Y2lz\u0000' }],
  ])('rejects %s, naming orgId', (_what, input) => {
    expect(problemOf(input).path).toEqual(['orgId']);
  });

  it('rejects an unknown field, naming the input', () => {
    const problem = problemOf({ orgId: ORG_ID, users: [] });
    expect(problem.path).toEqual([]);
    expect(problem.message).toContain('users');
  });

  it('rejects an input that is not an object', () => {
    expect(problemOf('org').path).toEqual([]);
  });
});
