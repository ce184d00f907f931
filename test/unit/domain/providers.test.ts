import { OPERATION_IDS, PROVIDER_NAMES, providerOf, type ProviderName, type ProviderOf } from '../../../src/domain/job';

/** `true` when `A` and `B` are the same union, else `false`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('provider names', () => {
  it('are the providers of the operation ids, once each, in the order they first appear', () => {
    expect(PROVIDER_NAMES.slice(0, 4)).toEqual(['webex', 'oracle', 'fullstory', 'zoho']);
    expect(new Set(PROVIDER_NAMES).size).toBe(PROVIDER_NAMES.length);
    expect(new Set(OPERATION_IDS.map(providerOf))).toEqual(new Set(PROVIDER_NAMES));
  });

  it('are the part of an operation id before the dot, in types too (a compile-time check)', () => {
    const types: [
      Same<ProviderOf<'zoho.invitePortalUsers'>, 'zoho'>,
      Same<ProviderOf<(typeof OPERATION_IDS)[number]>, ProviderName>,
    ] = [true, true];
    const webex: ProviderName = 'webex';
    expect([types, webex]).toEqual([[true, true], 'webex']);
    expect(providerOf('webex.resendActivationEmails')).toBe('webex');
    expect(providerOf('fullstory.importUsers')).toBe('fullstory');
  });
});
