/** The demo's requests for the four other operations, sized to finish in seconds on the simulators. */
import type { OperationId } from '../../domain/job';

export interface DemoRequest {
  readonly operation: OperationId;
  readonly what: string;
  readonly input: unknown;
}

const person = (i: number) => ({
  loginId: i === 3 ? `demo.FAIL.${i}` : `demo.user.${i}`,
  firstName: `Demo${i}`,
  lastName: 'User',
  emailAddress: `demo.user.${i}@example.com`,
  disabled: false,
  organization: { name: 'Demo Construction' },
});

export const OTHER_DEMO_REQUESTS: readonly DemoRequest[] = [
  {
    operation: 'webex.resendActivationEmails',
    what: 're-send activation e-mails to a whole Webex org',
    input: { orgId: 'Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi9kZW1v' },
  },
  {
    operation: 'oracle.syncUsers',
    what: 'create 12 users in Oracle Primavera Administration',
    input: { added: Array.from({ length: 12 }, (_, i) => person(i)) },
  },
  {
    operation: 'fullstory.importUsers',
    what: 'import 500 users into FullStory',
    input: {
      users: Array.from({ length: 500 }, (_, i) => ({
        uid: i % 97 === 5 ? `FAIL-${i}` : `user-${i}`,
        email: `user.${i}@example.com`,
        display_name: `User ${i}`,
      })),
    },
  },
  {
    operation: 'zoho.invitePortalUsers',
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
];
