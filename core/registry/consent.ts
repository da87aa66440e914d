// Consent in force on a day: the one question the law cares about (重層的支援会議 and 支援プラン
// need it; a 支援会議 does not, 社会福祉法第106条の6). Shared by validation, indicators and the add-on.
import type { IsoDate } from '../dates/calendar';

export interface ConsentFields {
  /** Absent when the cell could not be read: then no consent is in force. */
  consent?: string;
  consentOn?: IsoDate;
  consentRevokedOn?: IsoDate;
}

/** Consent obtained on or before `day` and not revoked by then (revoked on `day` means not in force). */
export function consentInForce(c: ConsentFields, day: IsoDate): boolean {
  if (c.consent !== '同意あり' && c.consent !== '撤回') return false;
  if (c.consentOn === undefined || c.consentOn > day) return false;
  return c.consentRevokedOn === undefined || c.consentRevokedOn > day;
}
