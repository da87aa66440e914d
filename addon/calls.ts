// What each google.script.run target takes and returns: the one declaration the sidebars (through
// sidebars/bridge.ts `call`) and Apps Script (main.ts, checked against it) share, so a renamed target
// or a changed result is a type error on both sides. Types only, and no Apps Script API: the sidebars
// are type-checked with the DOM alone (tsconfig.sidebars.json).
import type { ENUMS, Settings } from '../core/registry/definition';
import type { DuplicateField } from '../core/registry/duplicates';
import type { ActivityContext, ActivityPayload, ActivitySaved, CaseSummary } from './activity/form';
import type { CaseStory, DueContext, PrepWritten } from './coordinator/types';
import type { Failure } from './errors';
import type { CsvDownload, FiguresContext, SheetWritten } from './figures/types';
import type { IndicatorsRequest, SummaryRequest } from './figures/request';
import type { CasePayload, CaseUpdate, LoadedCase, UpdatedCase } from './forms/case-form';
import type { CaseChoice } from './forms/consent';
import type { MeetingPayload } from './forms/meeting-form';

export interface FormContext {
  ok: true;
  today: string;
  lists: Pick<Settings, 'areas' | 'windows' | 'issueTags' | 'staff' | 'agencies'>;
  enums: typeof ENUMS;
  fiscalYearStartMonth: number;
}

export interface Saved {
  ok: true;
  caseId: string;
  row: number;
  version: string;
}

export interface DuplicateCase extends CaseSummary {
  fields: DuplicateField[];
}

export interface DuplicateWarning extends Failure {
  code: 'case.duplicate';
  /** The first matching cases, in sheet order. */
  duplicates: DuplicateCase[];
  /** How many more matched than are listed. */
  more: number;
}

export interface MeetingContext {
  ok: true;
  today: string;
  /** For the fiscal year of today, as ids count it (the sidebar's example ケースID). */
  fiscalYearStartMonth: number;
  areas: string[];
  types: readonly string[];
  purposes: readonly string[];
  cases: CaseChoice[];
}

export interface MeetingSaved {
  ok: true;
  meetingId: string;
  cases: number;
}

/** 会議の準備シート: the meeting being prepared (its cases chosen as in the meeting sidebar). */
export interface PrepRequest {
  type: string;
  heldOn: string;
  caseIds: string[];
}

/** Every target: its arguments as the sidebars send them, and what it answers (a Failure on any fault). */
export interface Calls {
  getIntakeContext(): FormContext | Failure;
  submitIntake(payload: CasePayload, options?: { confirmNew: true }): Saved | DuplicateWarning | Failure;
  loadCase(caseId: string): LoadedCase | Failure;
  updateCase(request: CaseUpdate): UpdatedCase | Failure;
  getMeetingContext(): MeetingContext | Failure;
  submitMeeting(payload: MeetingPayload): MeetingSaved | Failure;
  getActivityContext(): ActivityContext | Failure;
  submitActivity(payload: ActivityPayload): ActivitySaved | Failure;
  getDueList(): DueContext | Failure;
  openCaseInIntake(caseId: string): { ok: true; caseId: string } | Failure;
  getCaseStory(caseId: string): CaseStory | Failure;
  writePrepSheet(request: PrepRequest): PrepWritten | Failure;
  getFiguresContext(): FiguresContext | Failure;
  writeIndicatorsSheet(request: IndicatorsRequest): SheetWritten | Failure;
  writeMonthlySummarySheet(request: SummaryRequest): SheetWritten | Failure;
  getMonthlySummaryCsv(request: SummaryRequest): CsvDownload | Failure;
}

/** What Apps Script's side must provide: every target, taking what google.script.run delivers (checked there). */
export type Targets = { [K in keyof Calls]: (...args: never[]) => ReturnType<Calls[K]> };
