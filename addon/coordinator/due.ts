// 「確認予定」: the cases as the pickers have them (with the dates core/registry/due.ts judges by) and
// the day and 確認の目安日数 to judge them on; the sidebar lists the due ones for one 担当者 or everyone,
// each linked to its row. And a case opened in the intake sidebar, loaded for editing (the case id
// travels in a <meta> of the sidebar's HTML).
import * as z from 'zod/mini';
import { todayInJapan } from '../../core/dates/calendar';
import { CLOSED_STAGE } from '../../core/registry/case-list';
import { payloadInvalid, type Failure } from '../errors';
import { openWorkbook, type Workbook } from '../workbook';
import { caseLines, readCoordinator } from './cases';
import type { DueContext } from './types';

export function dueContext(wb: Workbook = openWorkbook(), now: Date = new Date()): DueContext {
  const r = readCoordinator(wb);
  return {
    ok: true,
    today: todayInJapan(now),
    followUpDays: r.read.registry.settings.followUpDays,
    // The spreadsheet's address and the sheet's id, read once: the row's number completes a link.
    link: `${wb.ss.getUrl()}#gid=${r.cases.sheet.getSheetId()}&range=A`,
    cases: caseLines(r).filter((c) => c.stage !== CLOSED_STAGE),
    listedStaff: r.read.registry.settings.staff,
  };
}

export const caseIdSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

/** Shows the intake sidebar with the case loaded for editing (the sidebar reads the <meta>). */
export function openCase(input: unknown): { ok: true; caseId: string } | Failure {
  const p = caseIdSchema.safeParse(input);
  if (!p.success) return payloadInvalid();
  const html = HtmlService.createHtmlOutputFromFile('intake');
  const id = p.data.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  html.setContent(html.getContent().replace('</head>', `<meta name="kasane-open-case" content="${id}" />\n</head>`));
  SpreadsheetApp.getUi().showSidebar(html.setTitle('相談を受け付ける'));
  return { ok: true, caseId: p.data };
}
