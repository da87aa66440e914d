// The sync client: sends the registry WITHOUT its PII columns to the kasane server
// (POST /api/v1/sync, kasane-registry/1 plus baseRevision). Only the columns of the contract that are
// not PII leave the spreadsheet; names, contacts, addresses and notes never do.
import { readRegistry } from '../core/registry/read';
import { sharedPayload, syncBlockers } from '../core/registry/shared-payload';
import { headerOrder, movedHeaders, type HeaderOrder } from '../core/registry/header-order';
import { SHEET_KEYS, sheetDef, type SheetKey } from '../core/registry/definition';
import { columnLetter } from '../core/registry/layout';
import * as z from 'zod/mini';
import { messageOf } from './errors';
import { NotSetUp, openWorkbook, readWorkbook, type Workbook } from './workbook';

// Where each setting lives. The server's address and the last revision belong to the document. The
// token is a person's: it is kept in UserProperties, which only that person's runs of the script can
// read — DocumentProperties can be read by every editor of a container-bound script.
const URL_KEY = 'kasane.sync.url';
const TOKEN_KEY = 'kasane.sync.token';
const REVISION_KEY = 'kasane.sync.revision';
/** The contract headers' order at the last sync (header-order.ts): a swap since then is asked about. */
const ORDER_KEY = 'kasane.sync.headers';

const documentProps = () => PropertiesService.getDocumentProperties();
const userProps = () => PropertiesService.getUserProperties();

/** Earlier versions kept one token for the whole document: it is removed, never used again. */
const OLD_SHARED_TOKEN =
  'これまで文書に保存していた共有の API トークンは、ほかの編集者にも読めるため削除しました。「同期の設定」で、あなた用のトークン（kasane token create --label あなたの名前 で発行）を入れてください。';

export interface SyncOutcome {
  ok: boolean;
  message: string;
  revision?: number;
  issues?: number;
  /** Typed cells not sent because the row rules cannot read them (「3人」, a 担当者 not in 「設定」). */
  heldBack?: number;
}

/** Thrown when the workbook cannot be synced as it is: the message says what to fix first. */
export class NotSyncable extends Error {}

/** What the sync sends, and how many typed cells it held back because they cannot be read. */
export interface SyncPayload {
  doc: Record<string, unknown>;
  heldBack: number;
  /** The order of the contract headers sent, remembered once the server has taken them. */
  order: HeaderOrder;
  /** Contract headers that changed places since the last sync, as 「ケース」の「担当者」（C列）. */
  moved: string[];
}

/**
 * The registry as the server takes it: the same reading as 「台帳を検証する」 (readWorkbook, then
 * core's readRegistry), sent in the canonical form of the interchange (ISO dates, whole numbers,
 * booleans, arrays for multi-value cells, list and choice values exactly as listed). A cell the row
 * rules cannot read (「3人」, a 担当者 not in 「設定」, an unreadable date) is not sent, and counted;
 * PII columns never are. Rows are keyed so element i is sheet row i + 2, a row with nothing readable
 * keeping its place, so the server's row numbers are the sheet's. Nothing is sent while a sheet is
 * missing or a header is missing or repeated: the server would count a registry other than the one
 * in the spreadsheet.
 */
export function syncPayload(wb: Workbook, baseRevision: number | null, before: HeaderOrder = {}): SyncPayload {
  const { raw, tables } = readWorkbook(wb);
  const blocking = syncBlockers(raw);
  if (blocking.length)
    throw new NotSyncable(
      `同期していません。先に次の点を直してください: ${blocking
        .slice(0, 3)
        .map((i) => i.message)
        .join(' ')}${blocking.length > 3 ? `（ほか ${blocking.length - 3} 件）` : ''}`,
    );
  const { doc, heldBack } = sharedPayload(raw, readRegistry(raw));
  if (baseRevision !== null) doc.baseRevision = baseRevision;
  const layouts = Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.layout]));
  const order = headerOrder(layouts);
  const moved = movedHeaders(before, order).map(
    ({ sheet, key }) =>
      `「${sheetDef(sheet).name}」の「${sheetDef(sheet).columns.find((c) => c.key === key)!.label}」（${columnLetter(tables[sheet]!.columns.get(key)! + 1)}列）`,
  );
  return { doc, heldBack, order, moved };
}

// One optional list per sheet key (a record schema would bring zod's record type into Code.js, 2 KB).
const Order = z.strictObject(Object.fromEntries(SHEET_KEYS.map((k) => [k, z.optional(z.array(z.string()))])));

/** The order remembered at the last sync; none (nothing to compare) when absent or unreadable. */
function lastOrder(props: GoogleAppsScript.Properties.Properties): HeaderOrder {
  try {
    const r = Order.safeParse(JSON.parse(props.getProperty(ORDER_KEY) ?? '{}'));
    return r.success ? (r.data as Partial<Record<SheetKey, string[]>>) : {};
  } catch {
    return {};
  }
}

export function configureSync(): SyncOutcome {
  const ui = SpreadsheetApp.getUi();
  const props = documentProps();
  const url = ui.prompt(
    '同期の設定（1/2）',
    'kasane サーバーの URL（https://…）を入力してください。',
    ui.ButtonSet.OK_CANCEL,
  );
  if (url.getSelectedButton() !== ui.Button.OK) return { ok: false, message: '同期の設定を取り消しました。' };
  const base = url.getResponseText().trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^\s/]+/.test(base)) {
    ui.alert('同期の設定', 'URL は https:// で始まる形で入力してください。設定は変えていません。', ui.ButtonSet.OK);
    return { ok: false, message: 'URL が正しくありません。' };
  }
  const token = ui.prompt(
    '同期の設定（2/2）',
    'あなた用の API トークン（管理者が kasane token create --label あなたの名前 で発行）を入力してください。トークンはあなたのアカウントにだけ保存され、ほかの編集者には見えません。',
    ui.ButtonSet.OK_CANCEL,
  );
  if (token.getSelectedButton() !== ui.Button.OK || !token.getResponseText().trim())
    return { ok: false, message: '同期の設定を取り消しました。' };
  props.setProperties({ [URL_KEY]: base });
  props.deleteProperty(TOKEN_KEY);
  props.deleteProperty(REVISION_KEY);
  props.deleteProperty(ORDER_KEY);
  userProps().setProperty(TOKEN_KEY, token.getResponseText().trim());
  ui.alert(
    '同期の設定',
    `同期先を ${base} にしました。「サーバーへ同期」で送ります（個人情報の列は送りません）。`,
    ui.ButtonSet.OK,
  );
  return { ok: true, message: '同期の設定を保存しました。' };
}

function outcome(
  code: number,
  text: string,
  props: GoogleAppsScript.Properties.Properties,
  heldBack: number,
): SyncOutcome {
  let body: { revision?: unknown; issues?: unknown; issueTotal?: unknown; error?: { message?: unknown } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = {};
  }
  if (code === 200 && typeof body.revision === 'number') {
    props.setProperty(REVISION_KEY, String(body.revision));
    // The answer lists at most 200 issues; issueTotal counts them all.
    const issues =
      typeof body.issueTotal === 'number' ? body.issueTotal : Array.isArray(body.issues) ? body.issues.length : 0;
    const held = heldBack ? `問題のある ${heldBack} セルは送っていません。` : '';
    const found = issues ? `サーバーの検証で ${issues} 件の問題があります。` : '';
    const r: SyncOutcome = {
      ok: true,
      revision: body.revision,
      issues,
      message: `同期しました（版 ${body.revision}）。${held}${found}${held || found ? '「台帳を検証する」で確認してください。' : '問題はありません。'}`,
    };
    if (heldBack) r.heldBack = heldBack;
    return r;
  }
  const serverSays = typeof body.error?.message === 'string' ? body.error.message : '';
  if (code === 409)
    return { ok: false, message: `同期できませんでした。ほかの場所から新しい版が送られています。${serverSays}` };
  if (code === 401 || code === 403)
    return {
      ok: false,
      message: `同期できませんでした。API トークンが正しくないか失効しています。「同期の設定」をやり直してください。${serverSays}`,
    };
  return { ok: false, message: `同期できませんでした（HTTP ${code}）。${serverSays}` };
}

export function syncNow(): SyncOutcome {
  const ui = SpreadsheetApp.getUi();
  const props = documentProps();
  const url = props.getProperty(URL_KEY);
  const token = userProps().getProperty(TOKEN_KEY);
  let result: SyncOutcome;
  if (props.getProperty(TOKEN_KEY) !== null) {
    props.deleteProperty(TOKEN_KEY);
    result = { ok: false, message: OLD_SHARED_TOKEN };
  } else if (!url || !token)
    result = {
      ok: false,
      message: url
        ? 'あなた用の API トークンがまだ設定されていません。「同期の設定」を実行してください。'
        : '同期先が設定されていません。先に「同期の設定」を実行してください。',
    };
  else {
    try {
      const revision = props.getProperty(REVISION_KEY);
      const { doc, heldBack, order, moved } = syncPayload(
        openWorkbook(),
        revision === null ? null : Number(revision),
        lastOrder(props),
      );
      // Swapped headers would send one column's cells as another's: the person checks the columns first.
      if (
        moved.length &&
        ui.alert(
          '列の並び',
          `前回の同期から見出しの並びが変わっています: ${moved.join('、')}。列の中身が見出しと合っていれば「はい」で同期します。`,
          ui.ButtonSet.YES_NO,
        ) !== ui.Button.YES
      )
        throw new NotSyncable('同期していません。列の中身を確かめてから同期し直してください。');
      const r = UrlFetchApp.fetch(`${url}/api/v1/sync`, {
        method: 'post',
        contentType: 'application/json',
        headers: { Authorization: `Bearer ${token}` },
        payload: JSON.stringify(doc),
        muteHttpExceptions: true,
      });
      result = outcome(r.getResponseCode(), r.getContentText(), props, heldBack);
      if (result.ok) props.setProperty(ORDER_KEY, JSON.stringify(order));
    } catch (e) {
      result = {
        ok: false,
        message:
          e instanceof NotSetUp || e instanceof NotSyncable
            ? e.message
            : `同期できませんでした（${messageOf(e).slice(0, 120)}）。`,
      };
    }
  }
  ui.alert(result.ok ? '同期しました' : '同期できません', result.message, ui.ButtonSet.OK);
  return result;
}
