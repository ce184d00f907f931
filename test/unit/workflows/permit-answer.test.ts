import { answerPermitRequest } from '../../../src/workflows/tenant-semaphore';
import type { PermitRequest } from '../../../src/workflows/semaphore-definitions';

const request = (token: string): PermitRequest => ({ requester: `job-${token}`, token });

describe('answerPermitRequest (the semaphore’s answer to a request by update)', () => {
  it('grants a free permit when nobody waits: the requester holds it', () => {
    const holders = [request('a')];
    const waiters: PermitRequest[] = [];
    expect(answerPermitRequest(request('b'), holders, waiters, 2)).toBe('granted');
    expect(holders.map((h) => h.token)).toEqual(['a', 'b']);
  });

  it('queues behind a waiter even when a permit is free, so a granted answer never jumps the line', () => {
    const holders: PermitRequest[] = [];
    const waiters = [request('w')];
    expect(answerPermitRequest(request('b'), holders, waiters, 1)).toBe('queued');
    expect(holders).toEqual([]);
    expect(waiters.map((w) => w.token)).toEqual(['w', 'b']);
  });

  it('queues when every permit is held', () => {
    const holders = [request('a')];
    const waiters: PermitRequest[] = [];
    expect(answerPermitRequest(request('b'), holders, waiters, 1)).toBe('queued');
    expect(waiters.map((w) => w.token)).toEqual(['b']);
  });

  it('answers a repeated request from its token and adds nothing', () => {
    const holders = [request('a')];
    const waiters = [request('b')];
    expect(answerPermitRequest(request('a'), holders, waiters, 1)).toBe('granted');
    expect(answerPermitRequest(request('b'), holders, waiters, 1)).toBe('queued');
    expect(holders.map((h) => h.token)).toEqual(['a']);
    expect(waiters.map((w) => w.token)).toEqual(['b']);
  });
});
