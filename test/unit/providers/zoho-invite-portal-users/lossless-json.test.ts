import { parseLossless, quoteIdNumbers } from '../../../../src/providers/zoho-invite-portal-users/lossless-json';

describe('lossless ids', () => {
  it('keeps a numeric job_id above 2^53 digit for digit', () => {
    const body = parseLossless('{"portal_invite":[{"details":{"job_id":5020928000002387017},"status":"success"}]}');
    expect(body).toEqual({ portal_invite: [{ details: { job_id: '5020928000002387017' }, status: 'success' }] });
  });

  it('shows what plain JSON.parse would have sent us polling', () => {
    const plain = JSON.parse('{"job_id":5020928000002387017}') as { job_id: number };
    expect(String(plain.job_id)).not.toBe('5020928000002387017');
  });

  it('quotes numeric id, record_id and user_type_id values, with whitespace', () => {
    expect(quoteIdNumbers('{ "id" : 9223372036854775807, "record_id":1,"user_type_id": 22 }')).toBe(
      '{ "id" : "9223372036854775807", "record_id":"1","user_type_id": "22" }',
    );
  });

  it('leaves ids that are already strings, other numbers and text inside strings untouched', () => {
    const text = '{"job_id":"5020928000002387017","count":5020928000002387017,"message":"the \\"id\\": 12 is bad"}';
    expect(quoteIdNumbers(text)).toBe(text);
  });

  it('answers undefined for a body that is not JSON', () => {
    expect(parseLossless('<html>')).toBeUndefined();
  });
});
