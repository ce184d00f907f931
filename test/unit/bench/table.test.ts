import { renderTable } from '../../../bench/lib/table';

describe('renderTable', () => {
  it('renders a padded Markdown table under its title with notes', () => {
    const out = renderTable({ title: 'T', columns: ['a', 'long b'], rows: [['1', '2']], notes: ['n'] });
    expect(out).toBe(['### T', '', '| a   | long b |', '| --- | ------ |', '| 1   | 2      |', '', '- n'].join('\n'));
  });

  it('escapes pipes inside cells', () => {
    expect(renderTable({ title: 'T', columns: ['x'], rows: [['a|b']] })).toContain('a\\|b');
  });

  it('pads short rows with empty cells', () => {
    expect(renderTable({ title: 'T', columns: ['a', 'b'], rows: [['1']] })).toContain('| 1   |     |');
  });

  it('rejects a row with more cells than columns', () => {
    expect(() => renderTable({ title: 'T', columns: ['a'], rows: [['1', '2']] })).toThrow(RangeError);
  });
});
