// The registry as the figures count it: readWorkbook (one getValues per sheet, the same layout
// reading as the CLI's XLSX reader) → core readRegistry, so the figures are those of
// `kasane indicators` and `kasane summary` on the same workbook.
import { SHEETS } from '../../core/registry/definition';
import { readRegistry, settingsBlockingFigures, type ReadResult } from '../../core/registry/read';
import { failure, type Failure } from '../errors';
import { readWorkbook, type Workbook, type WorkbookRead } from '../workbook';
import type { OutputLine } from './output-sheet';

export interface FiguresRead {
  read: ReadResult;
  tables: WorkbookRead['tables'];
}

export function readForFigures(wb: Workbook): FiguresRead | Failure {
  const { raw, tables } = readWorkbook(wb);
  const read = readRegistry(raw);
  const bad = settingsBlockingFigures(read.issues);
  if (bad.length)
    return failure(
      'settings.unreadable',
      [
        '「設定」シートの値を読めないため集計できません。設定を直してから実行してください（「台帳を検証する」で確かめられます）。',
        ...bad.map((i) => i.message),
      ].join('\n'),
    );
  return { read, tables };
}

/** What was read, for the lines above an output table: rows per sheet, rows left out, missing sheets. */
export function readLines(figures: FiguresRead, excludedRows: number, warnings: readonly string[]): OutputLine[] {
  const { read, tables } = figures;
  const counts = SHEETS.filter((d) => tables[d.key] !== undefined).map(
    (d) => `${d.name} ${read.registry[d.key].length}行`,
  );
  return [
    ['読み込んだ行', counts.join('、') || 'なし'],
    [
      '除外した行',
      excludedRows === 0
        ? '0行'
        : `${excludedRows}行（読めないセルがあり、そのセルを使う集計から除いた行。「台帳を検証する」で確かめられます）`,
    ],
    ...warnings.map((w): OutputLine => ['注意', w]),
  ];
}
