// Errors thrown by Apps Script services come from another realm in tests and are not always
// `instanceof Error`; read their message defensively. Messages never carry cell contents.
export function messageOf(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return String(e);
}

export interface Failure {
  ok: false;
  code: string;
  message: string;
  /** Field key (or `cases.0.caseId`) → Japanese message shown next to that field. */
  errors: Record<string, string>;
}

export const failure = (code: string, message: string, errors: Record<string, string> = {}): Failure => ({
  ok: false,
  code,
  message,
  errors,
});

/** What every google.script.run target returns on refusal; the sidebars test for it too. */
export const isFailure = (x: unknown): x is Failure =>
  typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

export const FORM_INVALID = '入力に誤りがあります。赤字の項目を直してください。';

// The two refusals below are made from one object each, spread: the minifier copies a small
// function's body into every caller, and these Japanese sentences were in Code.js 6 and 13 times
// (1.6 KB of its 150).
const FORM = failure('form.invalid', FORM_INVALID);
const PAYLOAD = failure('payload.invalid', '送信された内容の形式が正しくありません。サイドバーを開き直してください。');

/** The form breaks a row rule: the reasons are shown next to their fields. */
export const formInvalid = (errors: Record<string, string>): Failure => ({ ...FORM, errors });

/** The payload is not what this add-on's sidebar sends (an old sidebar still open after an update). */
export const payloadInvalid = (): Failure => ({ ...PAYLOAD, errors: {} });

/** The same record is already in the sheet (a retry after a lost answer): nothing is written again. */
export const duplicateRecord = (what: string): Failure =>
  failure(
    'record.duplicate',
    `同じ内容の${what}がすでにあります。二重に記録しないよう、保存しませんでした。別の記録なら、内容の違いを書き加えてください。`,
  );

export const BUSY_MESSAGE =
  '他の人が台帳に書き込んでいるため保存できませんでした。少し待ってからもう一度「保存」を押してください。';
