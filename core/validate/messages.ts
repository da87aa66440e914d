// Japanese messages for the cross-sheet rules: which cell, what is wrong, what to do.
import { cellRef } from '../registry/messages';
import { columnLabel, sheetDef, type SheetDef, type SheetKey } from '../registry/definition';
import { toWareki } from '../dates/era';

const label = (sheet: SheetKey, key: string): string => columnLabel(sheetDef(sheet), key);
const day = (iso: string): string => `${iso}（${toWareki(iso)}）`;

/** `at('cases', 3)('consentOn')` → 「ケース」シート 3行目「同意日」 */
export function at(sheet: SheetKey, row: number) {
  const def = sheetDef(sheet);
  return (column: string): string => cellRef(def, row, { label: label(sheet, column) });
}

export const refMissing = (where: string, target: SheetDef, id: string, near?: string): string =>
  near === undefined
    ? `${where}: 「${id}」は「${target.name}」シートにありません。IDの誤りか、「${target.name}」シートへの登録漏れです。`
    : `${where}: 「${id}」は「${target.name}」シートにありません。「${target.name}」シートの「${near}」のことなら、両方のIDを同じにしてください。`;

export const consentOnNeeded = (where: string, consent: string): string =>
  `${where}: 本人同意が「${consent}」のときは同意日が必要です。同意を得た日を入力してください。`;
export const revokedButConsented = (where: string): string =>
  `${where}: 同意撤回日があるのに本人同意が「同意あり」です。撤回されたなら本人同意を「撤回」に、そうでなければ同意撤回日を消してください。`;
export const revokedOnNeeded = (where: string): string => `${where}: 本人同意が「撤回」のときは同意撤回日が必要です。`;
export const revokedBeforeConsent = (where: string): string =>
  `${where}: 同意撤回日が同意日より前です。日付を確認してください。`;
export const consentOnWithoutConsent = (where: string, consent: string): string =>
  `${where}: 本人同意が「${consent}」なのに同意日が入っています。同意を得たなら本人同意を「同意あり」に、そうでなければ同意日を消してください。`;
export const planWithoutConsent = (where: string, planOn: string): string =>
  `${where}: プラン作成日 ${day(planOn)} に本人同意がありません。支援プランには本人の同意が必要です。同意日・本人同意を確認してください。`;

export const closedOnNeeded = (where: string): string => `${where}: 支援状況が「終結」のときは終結日が必要です。`;
export const stageNotClosed = (where: string, stage: string): string =>
  `${where}: 終結日が入っているのに支援状況が「${stage}」です。終結したなら「終結」に、続いているなら終結日を消してください。`;
export const closureReasonNeeded = (where: string): string => `${where}: 終結日があるときは終結理由を選んでください。`;
export const closedBeforeReceived = (where: string, receivedOn: string): string =>
  `${where}: 終結日が受付日 ${day(receivedOn)} より前です。日付を確認してください。`;

export const confidentiality = (where: string): string =>
  `${where}: 支援会議では、出席者に守秘義務（社会福祉法第106条の6第6項）を確認したことを記録してください（チェックを入れる）。`;

export const duplicatePair = (where: string, meetingId: string, caseId: string, firstRow: number): string =>
  `${where}: 会議「${meetingId}」のケース「${caseId}」は ${firstRow}行目にも登録されています。1つの会議で同じケースは1行にまとめてください。`;
export const consentRequired = (where: string, caseId: string, meetingId: string, heldOn: string): string =>
  `${where}: ケース「${caseId}」は開催日 ${day(heldOn)} に本人同意がないため、重層的支援会議「${meetingId}」では検討できません。同意を得てから検討するか、本人同意がなくても検討できる支援会議（社会福祉法第106条の6）で扱ってください。`;
export const discussedBeforeReceived = (where: string, caseId: string, heldOn: string, receivedOn: string): string =>
  `${where}: 会議の開催日 ${day(heldOn)} がケース「${caseId}」の受付日 ${day(receivedOn)} より前です。日付かケースIDを確認してください。`;
export const activityBeforeReceived = (where: string, caseId: string, receivedOn: string): string =>
  `${where}: 実施日がケース「${caseId}」の受付日 ${day(receivedOn)} より前です。日付かケースIDを確認してください。`;
export const endNotAfterStart = (sheet: SheetKey, row: number, end: string, start: string, startOn: string): string =>
  `${at(sheet, row)(end)}: ${label(sheet, start)} ${day(startOn)} より後の日付にしてください（${label(sheet, end)}は「もう該当しない最初の日」です）。`;
