import { nextLinkOf, parseLinkHeader } from '../../../../src/providers/webex-resend-activation-emails/link-header';

const REQUEST = 'https://webexapis.com/v1/identity/organizations/O/jobs/sendActivationEmails/J/errors?max=50';

describe('parseLinkHeader', () => {
  it('reads every link with its relation types', () => {
    const header = '<https://a.test/p?cursor=2>; rel="next", <https://a.test/p?cursor=0>; rel="prev"';
    expect(parseLinkHeader(header)).toEqual([
      { target: 'https://a.test/p?cursor=2', rels: ['next'] },
      { target: 'https://a.test/p?cursor=0', rels: ['prev'] },
    ]);
  });

  it('splits a multi-valued rel and lower-cases it', () => {
    expect(parseLinkHeader('</p?c=9>; rel="Next LAST"')[0]?.rels).toEqual(['next', 'last']);
  });

  it('accepts an unquoted rel and other parameters around it', () => {
    expect(parseLinkHeader('</p?c=1>; title="a, b; c"; rel=next; type="application/json"')).toEqual([
      { target: '/p?c=1', rels: ['next'] },
    ]);
  });

  it('keeps commas inside the URL', () => {
    expect(parseLinkHeader('</p?ids=a,b>; rel="next"')[0]?.target).toBe('/p?ids=a,b');
  });

  it.each([null, undefined, '', 'garbage without brackets'])('yields no link for %p', (value) => {
    expect(parseLinkHeader(value)).toEqual([]);
  });
});

describe('nextLinkOf', () => {
  it('returns an absolute next target as given', () => {
    const header = '<https://webexapis.com/v1/x/errors?max=50&cursor=abc>; rel="next"';
    expect(nextLinkOf(header, REQUEST)).toBe('https://webexapis.com/v1/x/errors?max=50&cursor=abc');
  });

  it('resolves a path-relative next target against the request URL', () => {
    expect(nextLinkOf('</v1/x/errors?cursor=abc>; rel="next"', REQUEST)).toBe(
      'https://webexapis.com/v1/x/errors?cursor=abc',
    );
  });

  it('resolves a query-only next target against the request path', () => {
    expect(nextLinkOf('<?max=50&cursor=abc>; rel="next"', REQUEST)).toBe(
      'https://webexapis.com/v1/identity/organizations/O/jobs/sendActivationEmails/J/errors?max=50&cursor=abc',
    );
  });

  it('picks next among prev and first', () => {
    const header = '</p?c=0>; rel="first", </p?c=1>; rel="prev", </p?c=3>; rel="next"';
    expect(nextLinkOf(header, REQUEST)).toBe('https://webexapis.com/p?c=3');
  });

  it('returns undefined on the last page (no next link)', () => {
    expect(nextLinkOf('</p?c=1>; rel="prev"', REQUEST)).toBeUndefined();
    expect(nextLinkOf(null, REQUEST)).toBeUndefined();
  });
});
