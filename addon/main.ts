// The add-on's table of contents: every Apps Script entry point (onOpen, onInstall, menu handlers,
// google.script.run targets). Each is a function declaration the build keeps by its name, as Apps
// Script finds its entry points.
import { buildMenu, runSetup, runValidation, showFiguresDialog, showSidebar } from './menu';
import { guarded } from './guarded';
import type { Targets } from './calls';
import { formContext, readCaseForEdit, saveIntake, saveCaseEdit } from './intake';
import { meetingContext, saveMeeting } from './meeting';
import { activityContext, saveActivity } from './activity';
import { configureSync, syncNow } from './sync';
import { caseStory, dueContext, openCase, showCoordinatorSidebar, openStoryDialog, makePrepSheet } from './coordinator';
import { figuresContext, monthlySummaryCsv, makeIndicatorsSheet, makeMonthlySummarySheet } from './figures';

export function onOpen(_e?: unknown) {
  buildMenu();
}
export function onInstall(e?: unknown) {
  onOpen(e);
}

// Menu items.
export function setupRegistry() {
  return runSetup();
}
export function showIntakeSidebar() {
  return showSidebar('intake', '相談を受け付ける');
}
export function showMeetingSidebar() {
  return showSidebar('meeting', '会議を記録する');
}
export function showActivitySidebar() {
  return showSidebar('activity', '支援を記録する');
}
export function showDueSidebar() {
  return showCoordinatorSidebar('due', '確認予定');
}
export function showStoryDialog() {
  return openStoryDialog();
}
export function showPrepSidebar() {
  return showCoordinatorSidebar('prep', '会議の準備シート');
}
export function validateWorkbook() {
  return runValidation();
}
export function showIndicatorsDialog() {
  return showFiguresDialog('indicators', '指標を作成');
}
export function showSummaryDialog() {
  return showFiguresDialog('summary', '月次集計を作成');
}
export function syncToServer() {
  return syncNow();
}
export function configureServerSync() {
  return configureSync();
}

// google.script.run targets of the intake sidebar.
export function getIntakeContext() {
  return guarded('台帳の設定を読み込み', () => formContext());
}
export function submitIntake(payload: unknown, options?: unknown) {
  return guarded('保存', () => saveIntake(payload, options));
}
export function loadCase(caseId: unknown) {
  return guarded('ケースを読み込み', () => readCaseForEdit(caseId));
}
export function updateCase(request: unknown) {
  return guarded('保存', () => saveCaseEdit(request));
}

// google.script.run targets of the meeting sidebar.
export function getMeetingContext() {
  return guarded('ケースの一覧を読み込み', () => meetingContext());
}
export function submitMeeting(payload: unknown) {
  return guarded('会議の記録', () => saveMeeting(payload));
}

// google.script.run targets of the activity sidebar (支援記録).
export function getActivityContext() {
  return guarded('ケースの一覧を読み込み', () => activityContext());
}
export function submitActivity(payload: unknown) {
  return guarded('支援の記録', () => saveActivity(payload));
}

// google.script.run targets of 確認予定, ケースの経過 and 会議の準備シート (their pickers use getMeetingContext).
export function getDueList() {
  return guarded('確認予定を読み込み', () => dueContext());
}
export function openCaseInIntake(caseId: unknown) {
  return guarded('ケースを開き', () => openCase(caseId));
}
export function getCaseStory(caseId: unknown) {
  return guarded('ケースの経過を読み込み', () => caseStory(caseId));
}
export function writePrepSheet(request: unknown) {
  return guarded('準備シートを作成', () => makePrepSheet(request));
}

// google.script.run targets of the figures dialog (指標 and 月次集計 without a server).
export function getFiguresContext() {
  return guarded('台帳の設定を読み込み', () => figuresContext());
}
export function writeIndicatorsSheet(request: unknown) {
  return guarded('指標を作成', () => makeIndicatorsSheet(request));
}
export function writeMonthlySummarySheet(request: unknown) {
  return guarded('月次集計を作成', () => makeMonthlySummarySheet(request));
}
export function getMonthlySummaryCsv(request: unknown) {
  return guarded('月次集計のCSVを作成', () => monthlySummaryCsv(request));
}

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
