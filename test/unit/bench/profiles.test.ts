import { threadOf } from '../../../bench/lib/profiles';

describe('threadOf', () => {
  it("reads the thread id from the file names node --cpu-prof gives each thread's profile", () => {
    expect(threadOf('CPU.20261207.184502.3798.0.001.cpuprofile')).toBe(0);
    expect(threadOf('CPU.20261207.184502.3798.12.002.cpuprofile')).toBe(12);
  });

  it('is undefined for any other file', () => {
    expect(threadOf('large-20000-1796667769347.cpuprofile')).toBeUndefined();
    expect(threadOf('CPU.20261207.184502.3798.1.002.cpuprofile.tmp')).toBeUndefined();
  });
});
