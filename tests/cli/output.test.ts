// writeOut: the one way kasane template, sample and summary write a named file.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../cli/args';
import { outFormat, writeOut } from '../../cli/output';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('writes the bytes to the path', async () => {
  const path = join(tmp, 'a.csv');
  await writeOut(path, 'キー,値\r\n');
  expect(readFileSync(path, 'utf8')).toBe('キー,値\r\n');
});

test('a folder that does not exist: a usage error naming the path and the cause, without the usage text', async () => {
  const path = join(tmp, 'no-such-folder', 'a.csv');
  const e = await writeOut(path, 'x').catch((err: unknown) => err);
  expect(e).toBeInstanceOf(UsageError);
  expect((e as UsageError).message).toBe(`${path} に書き込めません（ENOENT）。フォルダと権限を確認してください。`);
  expect((e as UsageError).showUsage).toBe(false);
});

test('an existing file: a usage error naming it and --force, the bytes kept', async () => {
  const path = join(tmp, 'kept.csv');
  writeFileSync(path, 'old');
  const e = await writeOut(path, 'new').catch((err: unknown) => err);
  expect(e).toBeInstanceOf(UsageError);
  expect((e as UsageError).message).toBe(
    `ファイル ${path} はすでにあります。上書きするときは --force を付けてください。`,
  );
  expect(readFileSync(path, 'utf8')).toBe('old');
});

test('force: replaced whole, keeping the file’s permissions, no temp file left', async () => {
  const dir = mkdtempSync(join(tmp, 'force-'));
  const path = join(dir, 'replaced.csv');
  writeFileSync(path, 'old');
  chmodSync(path, 0o600);
  await writeOut(path, 'new', { force: true });
  expect(readFileSync(path, 'utf8')).toBe('new');
  expect(statSync(path).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir)).toEqual(['replaced.csv']);
});

test('one of the inputs: refused even with force', async () => {
  const path = join(tmp, 'input.json');
  writeFileSync(path, '{}');
  const e = await writeOut(path, 'x', { force: true, inputs: [path] }).catch((err: unknown) => err);
  expect((e as UsageError).message).toBe(
    `--out のファイル ${path} は入力ファイル ${path} と同じです。入力を上書きしないよう、別のファイル名を指定してください（--force でも上書きしません）。`,
  );
  expect(readFileSync(path, 'utf8')).toBe('{}');
});

describe('outFormat', () => {
  const table = { csv: ['.csv'], html: ['.html', '.htm'] } as const;
  test.each<[string | undefined, string | undefined, string | undefined, string]>([
    ['csv', undefined, undefined, 'csv'],
    ['csv', 'a.csv', undefined, 'csv'],
    ['html', 'a.HTM', undefined, 'html'],
    [undefined, 'a.html', undefined, 'html'],
    [undefined, 'a.Csv', undefined, 'csv'],
    [undefined, undefined, 'csv', 'csv'],
  ])('--format %s --out %s (fallback %s) → %s', (given, out, fallback, expected) => {
    expect(outFormat(given, out, table, fallback as 'csv' | undefined)).toBe(expected);
  });

  test.each<[string | undefined, string | undefined, string]>([
    [
      'csv',
      'a.html',
      '--format csv と --out a.html が合いません。csv で書き出すなら --out を .csv で終わる名前に、html で書き出すなら --format html にしてください。',
    ],
    ['pdf', undefined, '--format は csv / html のいずれかです（指定: pdf）。'],
    [
      undefined,
      'a.pdf',
      '--out a.pdf の拡張子からは形式がわかりません。.csv / .html / .htm のいずれかで終わる名前にしてください。',
    ],
    [undefined, undefined, '--format（csv / html）か、拡張子で形式がわかる --out を指定してください。'],
  ])('--format %s --out %s: %s', (given, out, message) => {
    expect(() => outFormat(given, out, table)).toThrow(new UsageError(message));
  });
});
