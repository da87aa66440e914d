// Whether a case may be discussed at a 重層的支援会議 on a day, and in words why not.
import { consentInForce, type ConsentFields } from '../../core/registry/consent';
import type { IsoDate } from '../../core/dates/calendar';
import type { CaseLine } from '../../core/registry/case-list';

/** A case as the pickers offer it: what they show and search (CaseLine) and its consent. */
export interface CaseChoice extends ConsentFields, CaseLine {
  /** The case's row breaks a row rule: its consent cannot be trusted. */
  faulty?: boolean;
}

export const SUPPORT_MEETING = '支援会議';
export const MULTI_MEETING = '重層的支援会議';

/** Null when consent is in force on `day`; otherwise the reason, in Japanese. */
export function consentGap(c: CaseChoice, day: IsoDate): string | null {
  if (c.faulty) return '台帳の行に誤りがあるため同意を確認できません';
  if (consentInForce(c, day)) return null;
  if (c.consent !== '同意あり' && c.consent !== '撤回') return `本人同意が「${c.consent || '未確認'}」です`;
  if (!c.consentOn) return '同意日が入っていません';
  if (c.consentOn > day) return `同意日（${c.consentOn}）が開催日より後です`;
  return `同意は ${c.consentRevokedOn ?? ''} に撤回されています`;
}

export const SUPPORT_MEETING_HINT = '同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。';

export function consentRefusal(caseId: string, reason: string): string {
  return `「${caseId}」は開催日に本人同意がありません（${reason}）。重層的支援会議では同意のあるケースだけを検討できます。${SUPPORT_MEETING_HINT}`;
}
