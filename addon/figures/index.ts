// 指標 and 月次集計 without a server: the dialog's google.script.run targets (see addon/main.ts).
export { figuresContext } from './context';
export { writeIndicatorsSheet } from './indicators';
export { monthlySummaryCsv, writeMonthlySummarySheet } from './summary';
export type { CsvDownload, FiguresContext, SheetWritten } from './types';
