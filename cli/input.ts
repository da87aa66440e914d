// Reads a registry file named on the command line: `.json` (kasane-registry/1) or `.xlsx` (`.xlsm`,
// Excel's macro-enabled workbook, is the same zip and is read the same; its macros are never run).
// An .xls, an .ods or a .csv is told what it is and how to save it as .xlsx (file-kind.ts), as the
// offline page tells it.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fromInterchange } from '../core/registry/interchange';
import { readRegistry, settingsBlockingFigures, type ReadResult } from '../core/registry/read';
import type { RawRegistry } from '../core/registry/records';
import { UsageError } from './args';
import { faultOfExtension, WORKBOOK_EXTENSIONS } from '../sheets-templates/xlsx/file-kind';

const isWorkbook = (path: string): boolean => WORKBOOK_EXTENSIONS.includes(extname(path).toLowerCase());

/** A file the reader refused: its message, then its code (format.encrypted …), exit 2 without the usage. */
const refused = (path: string, r: { code: string; message: string }): UsageError =>
  new UsageError(`${path}: ${r.message}（${r.code}）`, false);

export async function loadRegistryFile(path: string): Promise<RawRegistry> {
  const bytes = await inputBytes(path);
  if (isWorkbook(path)) {
    const { readRegistryXlsx } = await import('../sheets-templates/xlsx/read-xlsx');
    const r = await readRegistryXlsx(bytes);
    if (!r.ok) throw refused(path, r);
    return r.raw;
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`${path} は JSON として読めません。ファイルが壊れていないか確認してください。`, false);
  }
  const r = fromInterchange(json);
  if (!r.ok) throw new UsageError(`${path}: ${r.message}`, false);
  return r.raw;
}

/** The bytes of a .json or workbook input file, or a usage error that says why not. */
async function inputBytes(path: string): Promise<Buffer> {
  const ext = extname(path).toLowerCase();
  const fault = faultOfExtension(ext);
  if (!fault && ext !== '.json' && !isWorkbook(path))
    throw new UsageError(`入力ファイル ${path} は .xlsx（.xlsm）か .json にしてください。`, false);
  try {
    const bytes = await readFile(path);
    if (fault) throw refused(path, fault);
    return bytes;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `入力ファイル ${path} が見つかりません。`
        : `入力ファイル ${path} を読めません（${code ?? 'エラー'}）。`,
      false,
    );
  }
}

/**
 * The registry's rows as the figures count them (row rules applied). Settings that cannot be read
 * (年度開始月 = 13 …) stop the command: a usage error with each reason, instead of a silent default.
 */
export function readForFigures(raw: RawRegistry, path: string): ReadResult {
  return checkedForFigures(readRegistry(raw), path);
}

/**
 * loadRegistryFile then readForFigures, the same answer; a workbook is read straight into records
 * (xlsx-records.ts), without the raw rows the other commands need.
 */
export async function loadForFigures(path: string): Promise<ReadResult> {
  if (!isWorkbook(path)) return readForFigures(await loadRegistryFile(path), path);
  const bytes = await inputBytes(path);
  const { readRegistryXlsxRecords } = await import('../sheets-templates/xlsx/read-xlsx');
  const r = await readRegistryXlsxRecords(bytes);
  if (!r.ok) throw refused(path, r);
  return checkedForFigures(r.read, path);
}

function checkedForFigures(read: ReadResult, path: string): ReadResult {
  const bad = settingsBlockingFigures(read.issues);
  if (bad.length)
    throw new UsageError(
      [
        `${path} の設定を読めないため集計できません。設定を直してから実行してください（kasane validate で確かめられます）。`,
        ...bad.map((i) => `  ${i.message}`),
      ].join('\n'),
      false,
    );
  return read;
}
