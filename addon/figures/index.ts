// 指標 and 月次集計 without a server: the dialog's google.script.run targets (see addon/main.ts).
export { figuresContext } from './context';
export { makeIndicatorsSheet } from './indicators';
export { monthlySummaryCsv, makeMonthlySummarySheet } from './summary';
export type { CsvDownload, FiguresContext, SheetWritten } from './types';
