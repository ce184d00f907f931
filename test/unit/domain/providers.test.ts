import { PROVIDER_NAMES, providerOf, type ProviderName, type ProviderOf } from '../../../src/domain/job';

/** `true` when `A` and `B` are the same union, else `false`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('provider names', () => {
  it('are derived from the operation ids, once each, in their order', () => {
    expect(PROVIDER_NAMES).toEqual(['webex', 'oracle', 'fullstory', 'zoho']);
  });

  it('are the part of an operation id before the dot, in types too (a compile-time check)', () => {
    const types: [
      Same<ProviderName, 'webex' | 'oracle' | 'fullstory' | 'zoho'>,
      Same<ProviderOf<'zoho.invitePortalUsers'>, 'zoho'>,
    ] = [true, true];
    expect(types).toEqual([true, true]);
    expect(providerOf('webex.resendActivationEmails')).toBe('webex');
    expect(providerOf('fullstory.importUsers')).toBe('fullstory');
  });
});
