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

  it('takes the capacity tiers from --capacity-tiers', () => {
    expect(parseBenchArgs(['--only=capacity', '--capacity-tiers=10000,500']).capacityTiers).toEqual([10_000, 500]);
    expect(parseBenchArgs([]).capacityTiers).toBeUndefined();
  });

  it('rejects a capacity tier that is not a positive whole number, naming the option', () => {
    expect(() => parseBenchArgs(['--capacity-tiers=10k'])).toThrow(/--capacity-tiers=10k: expected positive/);
    expect(() => parseBenchArgs(['--capacity-tiers=0'])).toThrow(/expected positive/);
  });

  it('turns profiling off with --no-profile', () => {
    expect(parseBenchArgs(['--no-profile']).profile).toBe(false);
  });
});
