// What the figures dialog receives from Apps Script (plain data: google.script.run carries no Dates).
// Shared as types with the dialog (addon/sidebars/figures.ts).

/** The dialog's defaults, computed in Apps Script from the 設定 sheet and today's date in Japan. */
export interface FiguresContext {
  ok: true;
  /** Today in Japan, YYYY-MM-DD: the default 基準日. */
  today: string;
  /** The fiscal year today falls in (the 設定's 年度開始月), and its label (令和7年度). */
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The last whole month (YYYY-MM) and its label (2025年12月): the default month of a summary. */
  month: string;
  monthLabel: string;
  fiscalYearStartMonth: number;
  municipality: string;
  /** Whether 人口 is set (the 人口10万人あたり column is filled only then). */
  population: boolean;
}

/** An output sheet rewritten: its name and the number of table rows under its header. */
export interface SheetWritten {
  ok: true;
  sheet: string;
  rows: number;
  /**
   * What the sheet's 注意 says (a sheet or column missing, rows not counted): the dialog says it too,
   * so a renamed ケース tab's zeros are not taken for a month without cases.
   */
  warnings: string[];
}

/** A download: the file's name and its text (the dialog turns it into a Blob). */
export interface CsvDownload {
  ok: true;
  filename: string;
  mimeType: string;
  text: string;
  /** The CSV's 注意 lines, shown in the dialog too. */
  warnings: string[];
}
