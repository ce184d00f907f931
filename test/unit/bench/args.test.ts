import { SCENARIOS, parseBenchArgs } from '../../../bench/lib/args';

describe('parseBenchArgs', () => {
  it('runs every scenario in full with profiling by default', () => {
    expect(parseBenchArgs([])).toEqual({ mode: 'full', only: SCENARIOS, profile: true });
  });

  it('runs quick with --quick and smoke with --smoke', () => {
    expect(parseBenchArgs(['--quick']).mode).toBe('quick');
    expect(parseBenchArgs(['--smoke'])).toEqual({ mode: 'smoke', only: SCENARIOS, profile: true });
    expect(parseBenchArgs(['--smoke', '--only=history']).only).toEqual(['history']);
  });

  it('refuses --quick with --smoke, in either order', () => {
    expect(() => parseBenchArgs(['--quick', '--smoke'])).toThrow(/--quick and --smoke exclude each other/);
    expect(() => parseBenchArgs(['--smoke', '--quick'])).toThrow(/--quick and --smoke exclude each other/);
  });

  it('takes the results folder from --results-dir, and refuses an empty one', () => {
    expect(parseBenchArgs(['--results-dir=/tmp/bench-1']).resultsDir).toBe('/tmp/bench-1');
    expect(parseBenchArgs([]).resultsDir).toBeUndefined();
    expect(() => parseBenchArgs(['--results-dir='])).toThrow(/--results-dir=: expected a folder/);
  });

  it('keeps the canonical order of --only scenarios', () => {
    expect(parseBenchArgs(['--quick', '--only=large,history']).only).toEqual(['history', 'large']);
  });

  it('rejects an unknown scenario, naming it', () => {
    expect(() => parseBenchArgs(['--only=histroy'])).toThrow(/unknown scenario "histroy"/);
  });

  it('rejects an unknown option, naming the valid ones', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/--quick, --smoke, --only=/);
  });

  it('takes the capacity tiers from --capacity-tiers', () => {
    expect(parseBenchArgs(['--only=capacity', '--capacity-tiers=10000,500']).capacityTiers).toEqual([10_000, 500]);
    expect(parseBenchArgs([]).capacityTiers).toBeUndefined();
  });

  it('rejects a capacity tier that is not a positive whole number, naming the option', () => {
    expect(() => parseBenchArgs(['--capacity-tiers=10k'])).toThrow(/--capacity-tiers=10k: expected positive/);
    expect(() => parseBenchArgs(['--capacity-tiers=0'])).toThrow(/expected positive/);
  });

  it("takes the capacity worker's cache from --worker-cache, refusing what is not a positive whole number", () => {
    expect(parseBenchArgs(['--only=capacity', '--worker-cache=500']).workerCache).toBe(500);
    expect(parseBenchArgs([]).workerCache).toBeUndefined();
    for (const bad of ['0', '2.5', 'lots', '']) {
      expect(() => parseBenchArgs([`--worker-cache=${bad}`])).toThrow(`--worker-cache=${bad}: expected a positive`);
    }
  });

  it('turns profiling off with --no-profile', () => {
    expect(parseBenchArgs(['--no-profile']).profile).toBe(false);
  });
});
