import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegistryXlsx } from '../../sheets-templates/xlsx/read-xlsx';
import { fromInterchange } from '../../core/registry/interchange';
import { validateRegistry } from '../../core/validate';
import { SHEETS } from '../../core/registry/definition';
import { kasane } from '../cli/run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-template-cli-'));

const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b;

describe('kasane template', () => {
  test('--out FILE: exit 0, a PK zip with every sheet, the path said in Japanese', async () => {
    const out = join(tmp, 'registry.xlsx');
    const r = kasane(['template', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('台帳テンプレートを書き出しました');
    expect(r.out).toContain(out);
    const bytes = readFileSync(out);
    expect(isZip(bytes)).toBe(true);
    const read = await readRegistryXlsx(bytes);
    expect(read.ok).toBe(true);
    if (read.ok) expect(Object.keys(read.raw.sheets).sort()).toEqual(SHEETS.map((s) => s.key).sort());
  });

  test('no --out: kasane-registry.xlsx in the working directory', () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const r = kasane(['template'], { cwd });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'kasane-registry.xlsx'))).toBe(true);
  });

  test('an unwritable path or an unknown option: exit 2 with a Japanese message', () => {
    const r = kasane(['template', '--out', join(tmp, 'no-such-dir', 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('書き込めません');
    const u = kasane(['template', '--format', 'csv']);
    expect(u.code).toBe(2);
    expect(u.err).toContain('--format');
  });
});

describe('kasane sample', () => {
  test('stdout: kasane-registry/1 JSON with the asked number of cases, valid', () => {
    const r = kasane(['sample', '--cases', '25', '--seed', '3']);
    expect(r.code).toBe(0);
    const doc = r.json as { format: string; cases: unknown[]; settings: { municipality: string } };
    expect(doc.format).toBe('kasane-registry/1');
    expect(doc.cases).toHaveLength(25);
    expect(doc.settings.municipality).toBe('かさね町');
    const raw = fromInterchange(doc);
    if (!raw.ok) throw new Error(raw.message);
    expect(validateRegistry(raw.raw).issues).toEqual([]);
  });

  test('the same seed writes the same file', () => {
    expect(kasane(['sample', '--cases', '10', '--seed', '9']).out).toBe(
      kasane(['sample', '--cases', '10', '--seed', '9']).out,
    );
  });

  test('--out FILE.json and FILE.xlsx: kasane validate finds nothing (exit 0)', () => {
    for (const name of ['sample.json', 'sample.xlsx']) {
      const out = join(tmp, name);
      const r = kasane(['sample', '--cases', '60', '--out', out]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('サンプル台帳を書き出しました');
      if (name.endsWith('.xlsx')) expect(isZip(readFileSync(out))).toBe(true);
      const v = kasane(['validate', '--input', out, '--format', 'json']);
      expect(v.code).toBe(0);
      expect(v.json).toEqual({ format: 'kasane-validation/1', ok: true, issues: [], notices: [] });
    }
  });

  test('bad arguments: exit 2 with a Japanese message', () => {
    for (const args of [
      ['--cases', 'many'],
      ['--cases', '-1'],
      ['--seed', '1.5'],
      ['--out', join(tmp, 'x.csv')],
    ]) {
      const r = kasane(['sample', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--(cases|seed|out)/);
    }
  });
});
