// The add-on's table of contents: every Apps Script entry point (onOpen, onInstall, menu handlers,
// google.script.run targets). The build turns each export into a top-level function declaration.
import { buildMenu, runSetup, runValidation, showFiguresDialog, showSidebar } from './menu';
import { guarded } from './guarded';
import type { Targets } from './calls';
import { formContext, loadCase as load, submitIntake as intake, updateCase as update } from './intake';
import { meetingContext, submitMeeting as meeting } from './meeting';
import { activityContext, submitActivity as activity } from './activity';
import { configureSync, syncNow } from './sync';
import {
  caseStory,
  dueContext,
  openCaseInIntake as openCase,
  showCoordinatorSidebar,
  showStoryDialog as storyDialog,
  writePrepSheet as prep,
} from './coordinator';
import {
  figuresContext,
  monthlySummaryCsv,
  writeIndicatorsSheet as indicators,
  writeMonthlySummarySheet as summary,
} from './figures';

export function onOpen(_e?: unknown) {
  buildMenu();
}
export function onInstall(e?: unknown) {
  onOpen(e);
}

// Menu items.
export const setupRegistry = () => runSetup();
export const showIntakeSidebar = () => showSidebar('intake', '相談を受け付ける');
export const showMeetingSidebar = () => showSidebar('meeting', '会議を記録する');
export const showActivitySidebar = () => showSidebar('activity', '支援を記録する');
export const showDueSidebar = () => showCoordinatorSidebar('due', '確認予定');
export const showStoryDialog = () => storyDialog();
export const showPrepSidebar = () => showCoordinatorSidebar('prep', '会議の準備シート');
export const validateWorkbook = () => runValidation();
export const showIndicatorsDialog = () => showFiguresDialog('indicators', '指標を作成');
export const showSummaryDialog = () => showFiguresDialog('summary', '月次集計を作成');
export const syncToServer = () => syncNow();
export const configureServerSync = () => configureSync();

// google.script.run targets of the intake sidebar.
export const getIntakeContext = () => guarded('台帳の設定を読み込み', () => formContext());
export const submitIntake = (payload: unknown, options?: unknown) => guarded('保存', () => intake(payload, options));
export const loadCase = (caseId: unknown) => guarded('ケースを読み込み', () => load(caseId));
export const updateCase = (request: unknown) => guarded('保存', () => update(request));

// google.script.run targets of the meeting sidebar.
export const getMeetingContext = () => guarded('ケースの一覧を読み込み', () => meetingContext());
export const submitMeeting = (payload: unknown) => guarded('会議の記録', () => meeting(payload));

// google.script.run targets of the activity sidebar (支援記録).
export const getActivityContext = () => guarded('ケースの一覧を読み込み', () => activityContext());
export const submitActivity = (payload: unknown) => guarded('支援の記録', () => activity(payload));

// google.script.run targets of 確認予定, ケースの経過 and 会議の準備シート (their pickers use getMeetingContext).
export const getDueList = () => guarded('確認予定を読み込み', () => dueContext());
export const openCaseInIntake = (caseId: unknown) => guarded('ケースを開き', () => openCase(caseId));
export const getCaseStory = (caseId: unknown) => guarded('ケースの経過を読み込み', () => caseStory(caseId));
export const writePrepSheet = (request: unknown) => guarded('準備シートを作成', () => prep(request));

// google.script.run targets of the figures dialog (指標 and 月次集計 without a server).
export const getFiguresContext = () => guarded('台帳の設定を読み込み', () => figuresContext());
export const writeIndicatorsSheet = (request: unknown) => guarded('指標を作成', () => indicators(request));
export const writeMonthlySummarySheet = (request: unknown) => guarded('月次集計を作成', () => summary(request));
export const getMonthlySummaryCsv = (request: unknown) =>
  guarded('月次集計のCSVを作成', () => monthlySummaryCsv(request));

// Every google.script.run target answers what the sidebars expect (calls.ts): a target renamed here
// or answering another shape fails the type check, on this side as on the sidebars'.
void ({
  getIntakeContext,
  submitIntake,
  loadCase,
  updateCase,
  getMeetingContext,
  submitMeeting,
  getActivityContext,
  submitActivity,
  getDueList,
  openCaseInIntake,
  getCaseStory,
  writePrepSheet,
  getFiguresContext,
  writeIndicatorsSheet,
  writeMonthlySummarySheet,
  getMonthlySummaryCsv,
} satisfies Targets);
