import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanRegistry, edit } from '../fixtures/registry';
import { TOWN } from '../fixtures/town';
import { ensureBuilt, kasane } from './run';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const tmp = mkdtempSync(join(tmpdir(), 'kasane-cli-'));
const file = (name: string, doc: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
};

beforeAll(ensureBuilt);

describe('kasane validate', () => {
  test('a clean registry: exit 0, kasane-validation/1 with ok true', () => {
    const r = kasane(['validate', '--input', file('clean.json', cleanRegistry()), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ format: 'kasane-validation/1', ok: true, issues: [], notices: [] });
  });

  test('faults: exit 1, each at its sheet, row, column and code, in Japanese', () => {
    const doc = edit(edit(cleanRegistry(), 'meetingCases', 1, { caseId: 'K-2024-0002' }), 'cases', 0, {
      receivedOn: '2024/2/30',
    });
    const r = kasane(['validate', '--input', file('faulty.json', doc), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = r.json as { format: string; ok: boolean; issues: Array<Record<string, unknown>> };
    expect(report.format).toBe('kasane-validation/1');
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([
      ['cases', 2, 'receivedOn', 'value.date'],
      ['meetingCases', 3, 'caseId', 'consent.required'],
    ]);
    for (const i of report.issues) expect(Object.keys(i).sort()).toEqual(['code', 'column', 'message', 'row', 'sheet']);
    expect(report.issues.every((i) => japanese.test(String(i.message)))).toBe(true);
  });

  test('text format is the default and lists the issues in Japanese', () => {
    const r = kasane([
      'validate',
      '--input',
      file('faulty2.json', edit(cleanRegistry(), 'meetings', 0, { confidentialityConfirmed: false })),
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1件の問題');
    expect(r.out).toContain('守秘義務');
  });

  test.each<[string, string[]]>([
    ['a missing file', ['validate', '--input', join(tmp, 'nope.json')]],
    ['a file that is not JSON', ['validate', '--input', file('broken.json', '{"format":')]],
    ['a file of another format', ['validate', '--input', file('other.json', { format: 'something/2' })]],
    ['an unsupported extension', ['validate', '--input', file('registry.csv', 'a,b')]],
    ['no --input', ['validate']],
    ['an unknown --format', ['validate', '--input', file('c.json', cleanRegistry()), '--format', 'yaml']],
    ['an unknown option', ['validate', '--inptu', 'x.json']],
    ['an unknown command', ['frobnicate']],
  ])('%s: exit 2 with a Japanese message on stderr', (_what, args) => {
    const r = kasane(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(japanese);
    expect(r.out).toBe('');
  });

  test('the example town (tests/fixtures/town.ts) is clean', () => {
    const r = kasane(['validate', '--input', file('town.json', TOWN), '--format', 'json']);
    const report = r.json as { format: string; ok: boolean; issues: unknown[] };
    expect([report.format, report.ok, report.issues]).toEqual(['kasane-validation/1', true, []]);
    expect(r.code).toBe(0);
  });
});
