// The かさね menu and the sidebars. onOpen may run in AuthMode.NONE (an add-on not yet used in this
// document): it only builds the menu and touches neither the document nor PropertiesService.
import { setupWorkbook, type SetupReport } from './setup';
import { validateWorkbookNow, type ValidationSummary } from './validate-workbook';
import { messageOf } from './errors';
import { NotSetUp } from './workbook';

export const MENU_ITEMS = [
  { caption: '台帳を初期設定', functionName: 'setupRegistry' },
  { caption: '相談を受け付ける', functionName: 'showIntakeSidebar' },
  { caption: '会議を記録する', functionName: 'showMeetingSidebar' },
  { caption: '支援を記録する', functionName: 'showActivitySidebar' },
  { caption: '確認予定', functionName: 'showDueSidebar' },
  { caption: 'ケースの経過', functionName: 'showStoryDialog' },
  { caption: '会議の準備シート', functionName: 'showPrepSidebar' },
  { caption: '台帳を検証する', functionName: 'validateWorkbook' },
  { caption: '指標を作成', functionName: 'showIndicatorsDialog' },
  { caption: '月次集計を作成', functionName: 'showSummaryDialog' },
] as const;

export const SYNC_ITEMS = [
  { caption: 'サーバーへ同期', functionName: 'syncToServer' },
  { caption: '同期の設定', functionName: 'configureServerSync' },
] as const;

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addSeparator();
  for (const item of SYNC_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

export function runSetup(): SetupReport {
  const report = setupWorkbook();
  alert(report.ok ? '台帳を初期設定しました' : '台帳を初期設定できません', report.message);
  return report;
}

export function runValidation(): ValidationSummary | { ok: false; message: string } {
  try {
    const r = validateWorkbookNow();
    SpreadsheetApp.getActiveSpreadsheet().toast(r.message, 'かさね');
    return r;
  } catch (e) {
    const message = e instanceof NotSetUp ? e.message : `検証できませんでした。（${messageOf(e).slice(0, 120)}）`;
    alert('台帳を検証できません', message);
    return { ok: false, message };
  }
}

export function showSidebar(file: 'intake' | 'meeting' | 'activity', title: string): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The figures dialog: one file for both items; the item chooses the form it opens on. */
export type FiguresMode = 'indicators' | 'summary';
export const FIGURES_MODE_MARK = 'data-mode="indicators"';

export function showFiguresDialog(mode: FiguresMode, title: string): void {
  const html = HtmlService.createHtmlOutputFromFile('figures');
  // The mode is an attribute of the dialog's <main>, set before the page runs (no template needed).
  html.setContent(html.getContent().replace(FIGURES_MODE_MARK, `data-mode="${mode}"`));
  SpreadsheetApp.getUi().showModalDialog(html.setWidth(460).setHeight(560), title);
}
