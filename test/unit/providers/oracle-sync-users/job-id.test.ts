import { jobIdFromBody, jobIdFromLocation } from '../../../../src/providers/oracle-sync-users/job-id';

describe('jobIdFromLocation', () => {
  it.each([
    ['a relative status path', '/cloudapi/restapi/user/status/95733', '95733'],
    ['an absolute status URL', 'https://primavera.example/cloudapi/restapi/v3/user/status/95733', '95733'],
    ['a relative reference without a leading slash', 'user/status/95733', '95733'],
    ['a trailing slash and a query', '/cloudapi/restapi/user/status/95733/?x=1', '95733'],
    ['a non-numeric id', '/cloudapi/restapi/user/status/job-7f3a', 'job-7f3a'],
  ])('reads the last path segment of %s', (_what, location, id) => {
    expect(jobIdFromLocation(location)).toBe(id);
  });

  it.each([
    ['no header', null],
    ['an empty header', ' '],
    ['a location ending at the status resource', '/cloudapi/restapi/user/status'],
    ['a location ending at the users resource', 'https://primavera.example/cloudapi/restapi/v3/user'],
  ])('finds no id in %s', (_what, location) => {
    expect(jobIdFromLocation(location)).toBeUndefined();
  });
});

describe('jobIdFromBody', () => {
  it.each([
    ['a bare number', '95733', '95733'],
    ['a numeric JSON string', '"95733"', '95733'],
    ['{ jobId }', '{"jobId":95733}', '95733'],
    ['{ JobID } in another case', '{"JobID":"95733"}', '95733'],
    ['{ job_id }', '{"job_id":"95733"}', '95733'],
    ['{ id }', '{"id":95733,"status":"submitted"}', '95733'],
    ['{ job: { id } }', '{"job":{"id":"A-1"}}', 'A-1'],
  ])('reads %s', (_what, text, id) => {
    expect(jobIdFromBody(text)).toBe(id);
  });

  it.each([
    ['an empty body', ''],
    ['a word', '"Accepted"'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['an object without an id', '{"message":"accepted"}'],
    ['a UserDataStore echo', '{"added":[{"loginId":"JSMITH"}]}'],
    ['HTML', '<html>accepted</html>'],
  ])('finds no id in %s', (_what, text) => {
    expect(jobIdFromBody(text)).toBeUndefined();
  });
});
