// The CLI given workbooks as offices save them: an .xlsm is read as the .xlsx it is; a
// password-protected workbook, an old .xls, an .ods and a CSV — whatever their names — are exit 2
// with one Japanese sentence naming the fix and its code, never the usage text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistryFile } from '../../cli/input';
import { UsageError } from '../../cli/args';
import {
  compoundFile,
  CONTENT_XML,
  ENCRYPTED_DIRECTORY,
  ODS_MIMETYPE,
  XLS_DIRECTORY,
  zip,
} from '../sheets-templates/file-kind-fixtures';
import { CASE_HEADERS, caseRow, withAllSheets, workbook } from '../sheets-templates/helpers';
import { ensureBuilt, kasane } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-file-kind-'));
const file = (name: string, bytes: Buffer | string) => {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

const ENCRYPTED =
  'パスワードで保護されたファイルです。Excel でパスワードを外して（ファイル → 情報 → ブックの保護 →「パスワードを使用して暗号化」のパスワードを消す）から、.xlsx 形式で保存し直して指定してください。（format.encrypted）';
const XLS =
  '古い形式（.xls）のファイルです。Excel で開き、「名前を付けて保存」→「Excel ブック（.xlsx）」で保存し直してから指定してください。（format.xls）';
const ODS =
  'OpenDocument（.ods）のファイルです。LibreOffice などで開き、「名前を付けて保存」でファイルの種類を .xlsx（Excel 2007-365）にして保存し直してから指定してください。（format.ods）';
const CSV =
  'CSV（テキスト）のファイルです。Excel で開き、「名前を付けて保存」→「Excel ブック（.xlsx）」で保存し直してから指定してください。（format.csv）';

const encrypted = compoundFile({ directory: ENCRYPTED_DIRECTORY, sectors: [1, 3, 5] });
const xls = compoundFile({ directory: XLS_DIRECTORY, sectors: [1] });
const csv = 'ケースID,受付日\nK-2025-0001,2025/4/1\n';

let book: Buffer;
beforeAll(async () => {
  ensureBuilt();
  book = await workbook(
    withAllSheets([
      {
        name: 'ケース',
        rows: [CASE_HEADERS, caseRow('K-2025-0001', '2025-04-01'), caseRow('K-2025-0002', '2025-05-10')],
      },
    ]),
  );
});

describe('files that are not what their name says', () => {
  test.each([
    ['個人情報台帳.xlsx', () => encrypted, ENCRYPTED],
    ['暗号化.xls', () => encrypted, ENCRYPTED],
    ['古い台帳.xls', () => xls, XLS],
    ['古い台帳の名前だけ変えた.xlsx', () => xls, XLS],
    ['台帳.ods', () => zip({ mimetype: ODS_MIMETYPE, 'content.xml': CONTENT_XML }), ODS],
    ['名前だけ変えた.xlsx', () => zip({ mimetype: ODS_MIMETYPE, 'content.xml': CONTENT_XML }), ODS],
    ['台帳.csv', () => csv, CSV],
    ['CSVの名前だけ変えた.xlsx', () => csv, CSV],
  ])('%s: exit 2, what it is and how to save it, no usage', async (name, make, message) => {
    const path = file(name, await make());
    for (const args of [
      ['validate', '--input', path],
      ['indicators', '--input', path, '--fiscal-year', '2025'],
    ]) {
      const r = kasane(args);
      expect([r.code, r.out, r.err]).toEqual([2, '', `kasane: ${path}: ${message}\n`]);
    }
  });

  test('an extension kasane does not read: exit 2, the ones it reads, no usage', () => {
    const r = kasane(['validate', '--input', file('台帳.txt', csv)]);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe(`kasane: 入力ファイル ${join(tmp, '台帳.txt')} は .xlsx（.xlsm）か .json にしてください。\n`);
  });

  test('a .csv that is not there is said to be missing, not to be a CSV', () => {
    const r = kasane(['validate', '--input', join(tmp, 'ない.csv')]);
    expect([r.code, r.err]).toEqual([2, `kasane: 入力ファイル ${join(tmp, 'ない.csv')} が見つかりません。\n`]);
  });
});

describe('.xlsm (Excel macro-enabled workbook)', () => {
  test('validate and indicators read it exactly as the same workbook named .xlsx', () => {
    const asXlsx = file('台帳.xlsx', book);
    const asXlsm = file('台帳.xlsm', book);
    const validated = kasane(['validate', '--input', asXlsm, '--format', 'json']);
    expect(validated.code).toBe(0);
    expect(validated.json).toMatchObject({ format: 'kasane-validation/1', ok: true, issues: [] });
    expect(validated.out).toBe(kasane(['validate', '--input', asXlsx, '--format', 'json']).out);
    const counted = kasane(['indicators', '--input', asXlsm, '--fiscal-year', '2025']);
    expect(counted.code).toBe(0);
    expect(counted.json).toMatchObject({ format: 'kasane-indicators/1' });
    expect((counted.json as { indicators: Record<string, unknown> }).indicators['cases.new']).toBe(2);
    expect(counted.out).toBe(kasane(['indicators', '--input', asXlsx, '--fiscal-year', '2025']).out);
  });

  test('kasane preview --input reads through the same loader: .xlsm rows, an encrypted file refused', async () => {
    const raw = await loadRegistryFile(file('プレビュー.xlsm', book));
    expect((raw.sheets.cases ?? []).map((r) => r.caseId)).toEqual(['K-2025-0001', 'K-2025-0002']);
    const path = file('プレビュー.xlsx', encrypted);
    await expect(loadRegistryFile(path)).rejects.toEqual(new UsageError(`${path}: ${ENCRYPTED}`, false));
    await expect(loadRegistryFile(path)).rejects.toMatchObject({ showUsage: false });
  });
});
