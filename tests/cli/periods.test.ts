// Period options in the forms clerks write: --month, --fiscal-year and --as-of of kasane indicators
// and kasane summary. The clean registry (tests/core/fixture.ts) received cases on 2024-04-10,
// 2024-04-20 and 2024-05-01.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanRegistry } from '../fixtures/registry';
import { ensureBuilt, kasane } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-periods-'));
const input = join(tmp, 'in.json');
writeFileSync(input, JSON.stringify(cleanRegistry()));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt);

interface Doc {
  period: Record<string, unknown>;
  indicators: Record<string, number | null>;
}
const indicators = (...args: string[]) => kasane(['indicators', '--input', input, ...args, '--format', 'json']);

describe('kasane indicators', () => {
  test.each(['2024-05', '2024-5', '2024/5', '2024年5月', 'R6.5', 'r6.5', '令和6年5月', '令6.5', '２０２４年５月'])(
    '--month %s is May 2024',
    (month) => {
      const r = indicators('--month', month);
      expect([r.code, r.err]).toEqual([0, '']);
      const doc = r.json as Doc;
      expect(doc.period).toEqual({
        kind: 'month',
        value: '2024-05',
        label: '2024年5月',
        from: '2024-05-01',
        to: '2024-05-31',
        asOf: null,
        end: '2024-05-31',
      });
      expect(doc.indicators['cases.new']).toBe(1); // K-2024-0003 only
    },
  );

  test.each(['2024', '2024年度', '令和6', '令和6年度', 'R6', '令6'])('--fiscal-year %s is 令和6年度', (year) => {
    const r = indicators('--fiscal-year', year);
    expect(r.code).toBe(0);
    const doc = r.json as Doc;
    expect([doc.period.value, doc.period.label, doc.period.from, doc.period.to]).toEqual([
      '2024',
      '令和6年度',
      '2024-04-01',
      '2025-03-31',
    ]);
    expect(doc.indicators['cases.new']).toBe(3);
  });

  test('--fiscal-year 平成31年度 and 令和元年度 are both 2019', () => {
    for (const year of ['平成31年度', '令和元年度', 'H31', 'R1']) {
      const doc = indicators('--fiscal-year', year).json as Doc;
      expect([year, doc.period.value, doc.period.label]).toEqual([year, '2019', '令和元年度']);
    }
  });

  test.each(['2025-01-31', '2025/1/31', '2025年1月31日', '令和7年1月31日', 'R7.1.31', '令7.1.31'])(
    '--as-of %s is 2025-01-31',
    (day) => {
      const doc = indicators('--fiscal-year', 'R6', '--as-of', day).json as Doc;
      expect([doc.period.asOf, doc.period.end]).toEqual(['2025-01-31', '2025-01-31']);
    },
  );

  test('--as-of R6.4.30 cuts the year off before K-2024-0003 (received 2024-05-01)', () => {
    const doc = indicators('--fiscal-year', '令和6年度', '--as-of', 'R6.4.30').json as Doc;
    expect(doc.period.end).toBe('2024-04-30');
    expect(doc.indicators['cases.new']).toBe(2);
  });

  test.each<[string[], string]>([
    [
      ['--month', '2024-13'],
      'kasane: --month: 月「2024-13」を読めません。2025-05、2025/5、2025年5月、令和7年5月、R7.5 のように年と月を書いてください。\n',
    ],
    [
      ['--month', '平成31年5月'],
      'kasane: --month: 月「平成31年5月」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2019年5月 は 令和元年5月 です。\n',
    ],
    [
      ['--fiscal-year', '令和'],
      'kasane: --fiscal-year: 年度「令和」を読めません。2025、2025年度、令和7年度、R7 のように書いてください（2025 = 令和7年度）。\n',
    ],
    [
      ['--fiscal-year', '平成32年度'],
      'kasane: --fiscal-year: 年度「平成32年度」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2020年度 は 令和2年度 です。\n',
    ],
    [
      ['--fiscal-year', '2024', '--as-of', '2025-02-29'],
      'kasane: --as-of: 基準日「2025-02-29」を読めません。2026-01-31、2026/1/31、令和8年1月31日、R8.1.31 のように実在する日付を書いてください。\n',
    ],
    [
      ['--fiscal-year', '2019', '--as-of', '平成31年5月1日'],
      'kasane: --as-of: 基準日「平成31年5月1日」は平成の期間外です（平成は1989年1月8日〜2019年4月30日）。西暦 2019-05-01 は 令和元年5月1日 です。\n',
    ],
  ])('%j: exit 2 with the reason and examples', (args, message) => {
    const r = indicators(...args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
  });

  test('an as-of day written in 和暦 before the period is still refused', () => {
    const r = indicators('--fiscal-year', 'R6', '--as-of', 'R6.3.31');
    expect(r.code).toBe(2);
    expect(r.err).toContain('基準日 2024-03-31 が期間の初日 2024-04-01 より前です。');
  });
});

describe('kasane summary', () => {
  test.each(['2024-05', '令和6年5月', 'R6.5', '2024/5'])('--month %s is the summary of 2024-05', (month) => {
    const r = kasane(['summary', '--input', input, '--month', month, '--format', 'json']);
    expect(r.code).toBe(0);
    expect((r.json as { month: string }).month).toBe('2024-05');
  });

  test('--month 五月: exit 2 with examples', () => {
    const r = kasane(['summary', '--input', input, '--month', '五月', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('月「五月」を読めません。2025-05、2025/5、2025年5月、令和7年5月、R7.5');
  });
});
