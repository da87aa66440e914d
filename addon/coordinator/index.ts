// The coordinator's views (issue 10): 確認予定 (a sidebar), ケースの経過 (a printable dialog) and
// 会議の準備シート (a sidebar that writes 「準備シート」); their pickers start from getMeetingContext.
export { dueContext, openCase } from './due';
export { caseStory } from './story';
export { makePrepSheet } from './prep';

/** A sidebar of the coordinator's views. */
export function showCoordinatorSidebar(file: 'due' | 'prep', title: string): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile(file).setTitle(title));
}

/** ケースの経過: a modal dialog, wide enough for a table of events. */
export function openStoryDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('story').setWidth(760).setHeight(620);
  SpreadsheetApp.getUi().showModalDialog(html, 'ケースの経過');
}
