// The add-on's record ids, in the format the contract declares for each sheet it numbers
// (definition.ts idFormat: ケース, 会議, 支援記録): the next number of the fiscal year, made inside
// the document lock from the ids the sheet holds at that moment.
import { idFormatOf, type SheetKey } from '../core/registry/definition';
import { nextId } from '../core/registry/ids';

export function nextRecordId(sheet: SheetKey, fiscalYear: number, existing: Iterable<string>): string {
  return nextId(idFormatOf(sheet), fiscalYear, existing);
}
