// Files are never overwritten by surprise: not an existing file without --force, never the
// command's own input (by any path), and never left half-written.
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanRegistry } from '../fixtures/registry';
import { ensureBuilt, kasane } from './run';

const root = mkdtempSync(join(tmpdir(), 'kasane-overwrite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(ensureBuilt);

let n = 0;
/** A fresh folder holding the clean registry as in.json. */
function folder(): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.json'), JSON.stringify(cleanRegistry()));
  return dir;
}

const OLD = Buffer.from('前からある中身\n', 'utf8');
const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b;
const exists = (path: string) =>
  `kasane: ファイル ${path} はすでにあります。上書きするときは --force を付けてください。\n`;

describe('an existing file is kept unless --force is given', () => {
  test('template --out FILE: exit 2, the message names the file and --force, the bytes are unchanged', () => {
    const dir = folder();
    const out = join(dir, 'registry.xlsx');
    writeFileSync(out, OLD);
    const r = kasane(['template', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(exists(out));
    expect(r.out).toBe('');
    expect(readFileSync(out)).toEqual(OLD);
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'registry.xlsx']);
  });

  test('template without --out: the default kasane-registry.xlsx of the working folder is kept too', () => {
    const dir = folder();
    const out = join(dir, 'kasane-registry.xlsx');
    writeFileSync(out, OLD);
    const r = kasane(['template'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toBe(exists(out));
    expect(readFileSync(out)).toEqual(OLD);
  });

  test('template --out FILE --force: replaced by the template', () => {
    const dir = folder();
    const out = join(dir, 'registry.xlsx');
    writeFileSync(out, OLD);
    const r = kasane(['template', '--out', out, '--force']);
    expect(r.code).toBe(0);
    expect(isZip(readFileSync(out))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'registry.xlsx']); // no temp file left
  });

  test('sample --out FILE: kept without --force, replaced with it', () => {
    const dir = folder();
    const out = join(dir, 'sample.json');
    writeFileSync(out, OLD);
    const r = kasane(['sample', '--cases', '3', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(exists(out));
    expect(readFileSync(out)).toEqual(OLD);
    const f = kasane(['sample', '--cases', '3', '--out', out, '--force']);
    expect(f.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { format: string; cases: unknown[] };
    expect([doc.format, doc.cases.length]).toEqual(['kasane-registry/1', 3]);
  });

  test('summary --out FILE: kept without --force (relative path, as typed), replaced with it', () => {
    const dir = folder();
    writeFileSync(join(dir, 'summary.csv'), OLD);
    const args = ['summary', '--input', 'in.json', '--month', '2024-05', '--format', 'csv', '--out', 'summary.csv'];
    const r = kasane(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toBe(exists('summary.csv'));
    expect(readFileSync(join(dir, 'summary.csv'))).toEqual(OLD);
    const f = kasane([...args, '--force'], { cwd: dir });
    expect(f.code).toBe(0);
    const body = readFileSync(join(dir, 'summary.csv'));
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'summary.csv']);
  });

  test('a new file needs no --force', () => {
    const dir = folder();
    const r = kasane(['summary', '--input', join(dir, 'in.json'), '--month', '2024-05', '--out', join(dir, 's.json')]);
    expect(r.code).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as { month: string }).month).toBe('2024-05');
  });

  test('a folder in the way: exit 2 naming it, nothing written', () => {
    const dir = folder();
    mkdirSync(join(dir, 'out.csv'));
    const r = kasane([
      'summary',
      '--input',
      join(dir, 'in.json'),
      '--month',
      '2024-05',
      '--out',
      join(dir, 'out.csv'),
      '--force',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kasane: ${join(dir, 'out.csv')} はフォルダです。--out にはファイル名を指定してください。\n`);
    expect(readdirSync(join(dir, 'out.csv'))).toEqual([]);
  });

  test('a symbolic link as --out with --force: its target is replaced, the link kept', () => {
    const dir = folder();
    writeFileSync(join(dir, 'target.json'), OLD);
    symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
    const r = kasane([
      'summary',
      '--input',
      join(dir, 'in.json'),
      '--month',
      '2024-05',
      '--out',
      join(dir, 'link.json'),
    ]);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'target.json'))).toEqual(OLD);
    const f = kasane([
      'summary',
      '--input',
      join(dir, 'in.json'),
      '--month',
      '2024-05',
      '--out',
      join(dir, 'link.json'),
      '--force',
    ]);
    expect(f.code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect((JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')) as { month: string }).month).toBe('2024-05');
  });
});

describe('a command never writes over its own input, even with --force', () => {
  const refused = (out: string, input: string) =>
    `kasane: --out のファイル ${out} は入力ファイル ${input} と同じです。入力を上書きしないよう、別のファイル名を指定してください（--force でも上書きしません）。\n`;

  test('summary --input a.xlsx --format xlsx --out a.xlsx --force: exit 2, the registry unchanged', () => {
    const dir = folder();
    const input = join(dir, 'a.xlsx');
    expect(kasane(['sample', '--cases', '5', '--out', input]).code).toBe(0);
    const before = readFileSync(input);
    for (const force of [[], ['--force']]) {
      const r = kasane([
        'summary',
        '--input',
        input,
        '--month',
        '2025-05',
        '--format',
        'xlsx',
        '--out',
        input,
        ...force,
      ]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(refused(input, input));
      expect(r.out).toBe('');
      expect(readFileSync(input)).toEqual(before);
    }
  });

  test.each<[string, (dir: string) => { input: string; out: string }]>([
    ['a relative path', () => ({ input: 'in.json', out: './sub/../in.json' })],
    ['an absolute and a relative path', (dir) => ({ input: join(dir, 'in.json'), out: 'in.json' })],
    [
      'a symbolic link as --out',
      (dir) => {
        symlinkSync(join(dir, 'in.json'), join(dir, 'link.json'));
        return { input: 'in.json', out: 'link.json' };
      },
    ],
    [
      'a symbolic link as --input',
      (dir) => {
        symlinkSync('in.json', join(dir, 'link.json'));
        return { input: 'link.json', out: 'in.json' };
      },
    ],
    [
      'a hard link',
      (dir) => {
        linkSync(join(dir, 'in.json'), join(dir, 'hard.json'));
        return { input: 'in.json', out: 'hard.json' };
      },
    ],
  ])('the same file by %s: exit 2 with --force, the bytes unchanged', (_what, make) => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const { input, out } = make(dir);
    const before = readFileSync(join(dir, 'in.json'));
    const r = kasane(['summary', '--input', input, '--month', '2024-05', '--format', 'json', '--out', out, '--force'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.err).toBe(refused(out, input));
    expect(readFileSync(join(dir, 'in.json'))).toEqual(before);
  });
});

describe('a failed write leaves nothing behind', () => {
  test('an unreadable input with a new --out: no file and no temp file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'broken.json'), '{"format":');
    const r = kasane([
      'summary',
      '--input',
      join(dir, 'broken.json'),
      '--month',
      '2024-05',
      '--out',
      join(dir, 's.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['broken.json', 'in.json']);
  });

  test('a folder that does not exist: exit 2 naming the path', () => {
    const dir = folder();
    const out = join(dir, 'no-such', 's.csv');
    const r = kasane(['summary', '--input', join(dir, 'in.json'), '--month', '2024-05', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`kasane: ${out} に書き込めません（ENOENT）。フォルダと権限を確認してください。\n`);
    expect(readdirSync(dir)).toEqual(['in.json']);
  });
});
