import { extractErrorDetails } from '../../../src/http/classify';
import { makeResponse } from './make-response';
import { fixtureText } from '../../helpers/fixtures';

describe('extractErrorDetails: documented fixtures', () => {
  it.each([
    ['fullstory-error-400.json', 400, 'required_field', 'uid is required'],
    ['fullstory-error-401.json', 401, 'unauthorized', 'access is unauthorized'],
    ['fullstory-error-403.json', 403, 'forbidden', 'insufficient permissions'],
    ['fullstory-error-404.json', 404, 'resource_not_found', 'Requested resource does not exist'],
    [
      'fullstory-error-429.json',
      429,
      'too_many_requests',
      'Too many requests. Client has exceeded the rate limit for this endpoint.',
    ],
    ['fullstory-error-500.json', 500, 'server_error', 'Server error was encountered'],
  ])('reads code and message of FullStory %s', (file, status, code, providerMessage) => {
    expect(extractErrorDetails(makeResponse(status, { body: fixtureText(file) }))).toStrictEqual({
      status,
      code,
      providerMessage,
    });
  });

  it('reads the numeric code of the Webex Move Users 400 as a string', () => {
    const details = extractErrorDetails(makeResponse(400, { body: fixtureText('webex-move-users-start-400.json') }));
    expect(details).toStrictEqual({
      status: 400,
      code: '1026016',
      providerMessage: 'User should have either phone number or extension.',
    });
  });
});

describe('extractErrorDetails: documented shapes without a fixture', () => {
  it('reads the Webex generic body: message, first errorCode and trackingId', () => {
    const body = {
      message: 'The requested resource could not be found.',
      errors: [{ description: 'The requested resource could not be found.', errorCode: 4003 }],
      trackingId: 'ROUTER_5F1A2B3C-0000',
    };
    expect(extractErrorDetails(makeResponse(404, { body }))).toStrictEqual({
      status: 404,
      code: '4003',
      providerMessage: 'The requested resource could not be found.',
      trackingId: 'ROUTER_5F1A2B3C-0000',
    });
  });

  it('joins the Webex errors[] descriptions when the top-level message is missing', () => {
    const body = { errors: [{ description: 'first problem' }, { description: 'second problem' }] };
    expect(extractErrorDetails(makeResponse(400, { body })).providerMessage).toBe('first problem; second problem');
  });

  it('takes the tracking id from the TrackingID header when the body has none', () => {
    const response = makeResponse(502, { body: 'Bad Gateway', headers: { TrackingID: 'NA_1234' } });
    expect(extractErrorDetails(response).trackingId).toBe('NA_1234');
  });

  it('reads a top-level Zoho error and keeps the offending field next to the message', () => {
    const body = {
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'user_type_id', json_path: '$.portal_invite[0].data[0].user_type_id' },
      message: 'required field not found',
      status: 'error',
    };
    expect(extractErrorDetails(makeResponse(400, { body }))).toStrictEqual({
      status: 400,
      code: 'MANDATORY_NOT_FOUND',
      providerMessage:
        'required field not found (api_name user_type_id, json_path $.portal_invite[0].data[0].user_type_id)',
    });
  });

  it('reads a Zoho error nested in portal_invite[]', () => {
    const body = {
      portal_invite: [{ code: 'NO_PERMISSION', details: {}, message: 'permission denied', status: 'error' }],
    };
    expect(extractErrorDetails(makeResponse(403, { body }))).toStrictEqual({
      status: 403,
      code: 'NO_PERMISSION',
      providerMessage: 'permission denied',
    });
  });

  it('reads the error entry of a Zoho data[] array, skipping successful entries', () => {
    const body = {
      data: [
        { code: 'SUCCESS', details: { id: '1' }, message: 'An Invite has been sent', status: 'success' },
        { code: 'RECORD_LOCKED', details: { id: '2' }, message: 'record is locked', status: 'error' },
      ],
    };
    expect(extractErrorDetails(makeResponse(400, { body }))).toMatchObject({
      code: 'RECORD_LOCKED',
      providerMessage: 'record is locked',
    });
  });
});

describe('extractErrorDetails: tolerance', () => {
  it('takes the first 200 characters of a plain-text body as the message', () => {
    const body = `Service Unavailable ${'x'.repeat(400)}`;
    const message = extractErrorDetails(makeResponse(503, { body })).providerMessage;
    expect(message).toBe(`${body.slice(0, 200)}…`);
  });

  it('strips the markup of an HTML error page', () => {
    const body = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    expect(extractErrorDetails(makeResponse(502, { body })).providerMessage).toBe('502 Bad Gateway 502 Bad Gateway');
  });

  it('gives only the status for an empty body', () => {
    expect(extractErrorDetails(makeResponse(500))).toStrictEqual({ status: 500 });
  });

  it.each([
    ['null'],
    ['[1,2]'],
    ['"oops"'],
    ['{"error":[null,5,{"code":{}}]}'],
    ['{"errors":"nope"}'],
    ['{"message":42}'],
  ])('does not throw on the unexpected JSON body %s', (body) => {
    expect(extractErrorDetails(makeResponse(400, { body })).status).toBe(400);
  });

  it('parses Retry-After against the Date header and the time the response was received', () => {
    const response = makeResponse(429, {
      headers: { 'retry-after': 'Fri, 01 Mar 2024 12:01:00 GMT', date: 'Fri, 01 Mar 2024 12:00:00 GMT' },
      receivedAt: 0,
    });
    expect(extractErrorDetails(response).retryAfterMs).toBe(60_000);
  });

  it('parses Retry-After delta-seconds', () => {
    expect(extractErrorDetails(makeResponse(423, { headers: { 'retry-after': '12' } })).retryAfterMs).toBe(12_000);
  });

  it('marks an answer held by an open Retry-After window, and only that', () => {
    const answer = makeResponse(423, { headers: { 'retry-after': '0.250' } });
    expect(extractErrorDetails({ ...answer, heldByRetryAfter: true })).toStrictEqual({
      status: 423,
      retryAfterMs: 250,
      heldByRetryAfter: true,
    });
    expect(extractErrorDetails(answer)).not.toHaveProperty('heldByRetryAfter');
  });
});
