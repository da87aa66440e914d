// --format and the extension of --out agree: a mismatch is exit 2 naming both and writes nothing;
// without --format, --out's extension names the format.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanRegistry } from '../fixtures/registry';
import { ensureBuilt, kasane } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-formats-'));
const input = join(tmp, 'in.json');
writeFileSync(input, JSON.stringify(cleanRegistry()));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(ensureBuilt);

const summary = (...args: string[]) => kasane(['summary', '--input', input, '--month', '2024-05', ...args]);

describe('kasane summary', () => {
  test.each([
    [
      'csv',
      'a.xlsx',
      'csv で書き出すなら --out を .csv で終わる名前に、xlsx で書き出すなら --format xlsx にしてください。',
    ],
    [
      'xlsx',
      'b.csv',
      'xlsx で書き出すなら --out を .xlsx で終わる名前に、csv で書き出すなら --format csv にしてください。',
    ],
    [
      'html',
      'c.json',
      'html で書き出すなら --out を .html か .htm で終わる名前に、json で書き出すなら --format json にしてください。',
    ],
    ['json', 'd.txt', 'json で書き出すなら --out を .json で終わる名前にしてください。'],
    ['csv', 'e', 'csv で書き出すなら --out を .csv で終わる名前にしてください。'],
  ])('--format %s --out %s: exit 2 naming both, no file', (format, name, advice) => {
    const out = join(tmp, name);
    const r = summary('--format', format, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kasane: --format ${format} と --out ${out} が合いません。${advice}\n`);
    expect(existsSync(out)).toBe(false);
  });

  test('the extension is read without regard to case', () => {
    const out = join(tmp, 'UPPER.CSV');
    expect(summary('--format', 'csv', '--out', out).code).toBe(0);
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test.each([
    ['f.csv', (b: Buffer) => [...b.subarray(0, 3)].join(), '239,187,191'],
    ['f.xlsx', (b: Buffer) => b.subarray(0, 2).toString('latin1'), 'PK'],
    ['f.json', (b: Buffer) => (JSON.parse(b.toString('utf8')) as { month: string }).month, '2024-05'],
    ['f.html', (b: Buffer) => b.subarray(0, 15).toString('utf8'), '<!DOCTYPE html>'],
    ['f.htm', (b: Buffer) => b.subarray(0, 15).toString('utf8'), '<!DOCTYPE html>'],
  ])('no --format: --out %s names the format', (name, read, expected) => {
    const out = join(tmp, name);
    const r = summary('--out', out);
    expect(r.code).toBe(0);
    expect(read(readFileSync(out))).toBe(expected);
  });

  test('no --format and an extension that names none: exit 2, no file', () => {
    const out = join(tmp, 'g.pdf');
    const r = summary('--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `kasane: --out ${out} の拡張子からは形式がわかりません。.csv / .xlsx / .json / .html / .htm のいずれかで終わる名前にしてください。\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('neither --format nor --out: exit 2 asking for --format', () => {
    const r = summary();
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format（csv / xlsx / json / html）か、拡張子で形式がわかる --out を指定してください。');
  });
});

describe('kasane sample and template', () => {
  test('sample --out FILE.csv: exit 2 naming .json and .xlsx, no file', () => {
    const out = join(tmp, 'sample.csv');
    const r = kasane(['sample', '--cases', '2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `kasane: --out ${out} の拡張子からは形式がわかりません。.json / .xlsx のいずれかで終わる名前にしてください。\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('template --out FILE.csv: exit 2 naming .xlsx, no file', () => {
    const out = join(tmp, 'template.csv');
    const r = kasane(['template', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kasane: --out ${out} の拡張子からは形式がわかりません。.xlsx で終わる名前にしてください。\n`);
    expect(existsSync(out)).toBe(false);
  });

  test('template --google with --force: exit 2 (nothing is written to a file)', () => {
    const r = kasane(['template', '--google', '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--google と --force は同時に使えません');
  });
});
