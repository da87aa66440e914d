// writeOut: the one way kasane template, sample and summary write a named file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../server/cli/args';
import { writeOut } from '../../server/cli/output';

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
