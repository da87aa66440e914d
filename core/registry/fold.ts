// Typed text as it is compared when a coordinator looks something up or a new case is checked
// against the registry: the same characters whatever their width, case, spacing or dash.
// `ｋ－２０２５－０００１`, `k-2025-0001` and `K‐2025‐0001` are all K-2025-0001.

/** Dashes and long-vowel marks an IME or a copy from a document may put where a `-` was meant. */
const DASHES = /[\u2010-\u2015\u2043\u2212\u2796\u2E3A\u2E3B\u30FC\uFE58\uFE63\uFF0D]/g;
const SPACES = /\s+/g;
/**
 * Characters that show nothing: zero-width space and joiners, soft hyphen, direction marks, word
 * joiner, BOM. A copy from a web page or a PDF leaves them in a cell, where `K-2025-0006` followed by
 * one is another id than the one the clerk sees.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// NFKC changes no character from tab to tilde: plain ASCII needs no normalising.
const NON_ASCII = /[^\t-~]/;

/**
 * A text as compared: NFKC (full-width letters and digits, half-width kana), dashes as `-`, no
 * spaces (full-width ones included), upper case. Used for ケースID, 氏名, 担当者 and 住所 alike.
 */
export function foldText(text: string): string {
  const s = NON_ASCII.test(text) ? text.normalize('NFKC').replace(DASHES, '-').replace(INVISIBLE, '') : text;
  return s.replace(SPACES, '').toUpperCase();
}

/**
 * An id as the registry keeps it (ケースID, 会議ID, 記録ID… and the references to them), in every
 * face: foldText's form, so an id typed in full width (`Ｋ－２０２５－０００１`, as an input method
 * in full-width mode types it), with another dash or in lower case is one id, in the figures, the
 * references and the duplicates as in the add-on's look-ups.
 */
export function idOf(text: string): string {
  // Most ids are in that form already (K-2025-0001): one scan instead of three replacements.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c > 126 || (c >= 97 && c <= 122) || (i === 0 && c === 39))
      return withoutQuoteMark(foldedForGood(text));
  }
  return text;
}

/**
 * Without the apostrophe Excel takes as "keep this as text" when it is typed first ('0012): Excel
 * never stores it, but a CSV opened as text or pasted from elsewhere keeps it as a character, and
 * `'K-2025-0008` would be another case than the K-2025-0008 the clerk sees.
 */
export function withoutQuoteMark(text: string): string {
  if (text.charCodeAt(0) !== 39) return text;
  const rest = text.replace(/^'+/, '');
  return rest.trim() === '' ? text : rest;
}

/**
 * A coded value (a date, a number, a choice) without what the clerk cannot see or did not mean to
 * store: characters that show nothing, and Excel's keep-as-text apostrophe. The text itself when
 * there is none (most cells); empty stays empty.
 */
export function withoutMarks(text: string): string {
  const visible = NON_ASCII.test(text) ? text.replace(INVISIBLE, '') : text;
  return withoutQuoteMark(visible);
}

/**
 * foldText until it changes nothing more, so that an id read again is itself: a few characters
 * fold in two steps (¨ is a space and a combining mark in NFKC; once the space is gone the mark
 * joins the letter before it). Every character of Unicode's first three planes settles by the
 * second fold; four are allowed.
 */
function foldedForGood(text: string): string {
  let folded = foldText(text);
  for (let k = 0; k < 4; k++) {
    const again = foldText(folded);
    if (again === folded) break;
    folded = again;
  }
  return folded;
}

/**
 * What a search looks in: each text folded, one per line, so a folded query (which has no spaces)
 * matches within one text and never across two. `searchKey(…).includes(foldText(query))`.
 */
export function searchKey(...texts: ReadonlyArray<string | undefined>): string {
  return texts.map((t) => (t === undefined ? '' : foldText(t))).join('\n');
}
