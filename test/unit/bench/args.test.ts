import { SCENARIOS, parseBenchArgs } from '../../../bench/lib/args';

describe('parseBenchArgs', () => {
  it('runs every scenario in full with profiling by default', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, only: SCENARIOS, profile: true });
  });

  it('keeps the canonical order of --only scenarios', () => {
    expect(parseBenchArgs(['--quick', '--only=large,history']).only).toEqual(['history', 'large']);
  });

  it('rejects an unknown scenario, naming it', () => {
    expect(() => parseBenchArgs(['--only=histroy'])).toThrow(/unknown scenario "histroy"/);
  });

  it('rejects an unknown option', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
  });

  it('turns profiling off with --no-profile', () => {
    expect(parseBenchArgs(['--no-profile']).profile).toBe(false);
  });
});
