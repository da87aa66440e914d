// Is this person already in the registry? Before a new case is first saved, its 氏名, 連絡先 and
// 住所 are compared with every case's: the same name typed with a full-width space, the same phone
// written 090-1234-5678 or 09012345678, the same address in another width. A match is a question
// for the coordinator (the same person, or another one with the same name?), never a refusal.
// Pure: the add-on runs it in Apps Script on the rows it has already read; nothing leaves the sheet.
import { foldText } from './fold';

/** The columns compared, in the contract's order (ケース: 氏名, 連絡先, 住所). */
export const DUPLICATE_FIELDS = ['name', 'contact', 'address'] as const;
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

/** The compared cells of a case as they stand (a phone may be a number cell; anything else counts as empty). */
export type PersonCells = Partial<Record<DuplicateField, unknown>>;

/** A phone number needs this many digits to be compared: a 4-digit extension says nothing. */
export const MIN_CONTACT_DIGITS = 8;

const textOf = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * A contact's digits (NFKC first, so full-width digits count), or '' when fewer than 8. Leading
 * zeros are dropped: a sheet that took 09012345678 for a number shows 9012345678.
 */
export function contactDigits(v: unknown): string {
  const digits = textOf(v).normalize('NFKC').replace(/\D+/g, '');
  return digits.length < MIN_CONTACT_DIGITS ? '' : digits.replace(/^0+/, '');
}

/** Each compared cell in the form it is compared in; '' for an empty one (which matches nothing). */
export function personKeys(cells: PersonCells): Record<DuplicateField, string> {
  return {
    name: foldText(textOf(cells.name)),
    contact: contactDigits(cells.contact),
    address: foldText(textOf(cells.address)),
  };
}

export interface DuplicateMatch {
  /** Position of the matching case in `existing`. */
  index: number;
  /** The fields that are the same, in DUPLICATE_FIELDS' order. */
  fields: DuplicateField[];
}

/**
 * The existing cases with the same 氏名, 連絡先 or 住所 as `candidate` (any one is enough), in the
 * order given. A candidate with none of the three filled in matches nothing.
 */
export function findDuplicates(candidate: PersonCells, existing: Iterable<PersonCells>): DuplicateMatch[] {
  const want = personKeys(candidate);
  const compared = DUPLICATE_FIELDS.filter((f) => want[f] !== '');
  const out: DuplicateMatch[] = [];
  if (!compared.length) return out;
  let index = 0;
  for (const cells of existing) {
    const fields: DuplicateField[] = [];
    for (const f of compared) {
      const v = cells[f];
      // Only the fields the candidate has are folded: most rows cost one or two comparisons.
      if (v === undefined || v === '') continue;
      if ((f === 'contact' ? contactDigits(v) : foldText(textOf(v))) === want[f]) fields.push(f);
    }
    if (fields.length) out.push({ index, fields });
    index++;
  }
  return out;
}
