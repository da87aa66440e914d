// What the coordinator's sidebars and dialog receive from Apps Script (plain data: google.script.run
// carries no Dates). Shared as types with addon/sidebars/due.ts, story.ts and prep.ts.
import type { CaseChoice } from '../forms/consent';
import type { TimelineRegistry } from '../../core/registry/timeline';

/** 確認予定: the open cases and what core/registry/due.ts judges them by (the sidebar lists the due ones). */
export interface DueContext {
  ok: true;
  /** Today in Japan: the day the list is as of. */
  today: string;
  /** 確認の目安日数 (「設定」). */
  followUpDays: number;
  /** The link of a row of 「ケース」 without its number: <spreadsheet>#gid=<ケース>&range=A. */
  link: string;
  /** Every case not 終結, as the pickers have it. */
  cases: CaseChoice[];
  /** 「設定」's 担当者: the 担当者 filter offers these first. */
  listedStaff: string[];
}

/** ケースの経過 of one case. */
export interface CaseStory {
  ok: true;
  caseId: string;
  /** The lines above the events: 氏名, 支援状況, 担当者 … (only those with a value). */
  about: Array<[string, string]>;
  /** The case's rows without their PII columns, and their sheet rows (core/registry/timeline.ts caseRecords). */
  registry: TimelineRegistry;
  rows: Record<keyof TimelineRegistry, { rows: number[] }>;
  /** When it was made, in the spreadsheet's zone (a printed copy says how old it is). */
  madeAt: string;
}

/** 「準備シート」 written. */
export interface PrepWritten {
  ok: true;
  sheet: string;
  cases: number;
}
