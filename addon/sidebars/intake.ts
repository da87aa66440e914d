// The intake sidebar: a new case (ケースID made by Apps Script inside the lock), or an existing
// case loaded by ケースID, changed and saved (refused if the row changed since it was loaded).
// A loaded case shows what its cells mean; a save sends only the fields the coordinator changed,
// so every other cell of the row stays exactly as it was. Before a new case is first saved Apps
// Script compares its 氏名, 連絡先 and 住所 with the registered cases: a likely match is shown with
// 「このケースを開く」 and 「別のケースとして登録」. 保存 stays at the bottom of the sidebar.
import { defaultSettings, idFormatOf, settingsLists, type ColumnDef } from '../../core/registry/definition';
import { formatId } from '../../core/registry/ids';
import { fiscalYearOf } from '../../core/dates/fiscal';
import {
  CASE_FORM_COLUMNS,
  changedFields,
  validateCaseChange,
  validateCaseForm,
  visibleFields,
  type CaseCells,
  type CasePayload,
  type CaseUpdate,
  type LoadedCase,
} from '../forms/case-form';
import type { DuplicateField } from '../../core/registry/duplicates';

import { FORM_INVALID, isFailure, type Failure } from '../errors';
import type { DuplicateWarning } from '../calls';
import { call, lostAnswer, type Repeat } from './bridge';
import { setToday } from './day-hint';
import { byId, clearErrorsOnEdit, clearStatus, errorSlot, h, holdStill, requiredMark, say, showErrors } from './dom';
import { field, readField, showCellNotes, tooLong, writeField, type Lists } from './fields';

const isDuplicateWarning = (r: Failure): r is DuplicateWarning => r.code === 'case.duplicate';

/** A case being edited: its row version, what its cells meant when loaded, and the form as loaded. */
interface Editing {
  caseId: string;
  version: string;
  cells: CaseCells;
  loaded: CasePayload;
}

const form = byId<HTMLFormElement>('case-form');
let settings = defaultSettings();
let editing: Editing | null = null;
/** Today in the spreadsheet's zone, from the script: a 受付日 after it is a typo of the year. */
let today: string | undefined;

/** The form's filled fields, as the payload carries them. */
function payload(): CasePayload {
  const p: CasePayload = {};
  for (const col of CASE_FORM_COLUMNS) {
    const v = readField(form, col);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) p[col.key] = v;
  }
  return p;
}

const columnOf = (key: string): ColumnDef => CASE_FORM_COLUMNS.find((c) => c.key === key)!;

/**
 * Consent dates are shown for the consent states that have them, closure fields for 終結 — and any
 * of them that holds a value stays shown, so nothing typed or loaded is hidden (or dropped) unseen.
 */
function refreshVisibility(): void {
  const p = payload();
  const vis = visibleFields(p);
  const show = (key: string, needed: boolean) => {
    const el = byId(`field-${key}`);
    const hasValue = readField(form, columnOf(key)) !== undefined;
    el.hidden = !(needed || hasValue);
    el.querySelector('label')?.querySelector('.req')?.remove();
    if (needed) el.querySelector('label')?.append(requiredMark());
  };
  show('consentOn', vis.consentOn);
  show('consentRevokedOn', vis.consentRevokedOn);
  show('closedOn', vis.closure);
  show('closureReason', vis.closure);
}

function render(lists: Lists): void {
  const main = CASE_FORM_COLUMNS.filter((c) => !c.pii);
  const pii = CASE_FORM_COLUMNS.filter((c) => c.pii);
  form.replaceChildren(
    ...main.map((c) => field(c, lists)),
    h('h2', {}, '個人情報'),
    h('p', { className: 'hint' }, 'この欄はスプレッドシートの中だけに残り、同期や書き出しには含まれません。'),
    ...pii.map((c) => field(c, lists)),
    errorSlot('form'),
    h('div', { className: 'duplicates', id: 'duplicates', role: 'alert', hidden: true }),
    h(
      'div',
      { className: 'actions sticky' },
      h('button', { type: 'submit', className: 'action', id: 'save' }, '保存'),
      h('button', { type: 'button', id: 'clear' }, 'クリア'),
    ),
  );
  form.querySelector<HTMLSelectElement>('[name="consent"]')!.addEventListener('change', refreshVisibility);
  form.querySelector<HTMLSelectElement>('[name="stage"]')!.addEventListener('change', refreshVisibility);
  byId('clear').addEventListener('click', () => {
    reset();
    clearStatus();
  });
  refreshVisibility();
}

/** What the last action said goes: the status line, the field errors, a duplicate warning. */
function clearMessages(): void {
  clearStatus();
  showErrors(form, {});
  showDuplicates(null);
  byId('err-load').hidden = true;
}

function reset(today?: string): void {
  form.reset();
  editing = null;
  showDuplicates(null);
  byId('mode').textContent = '新しい相談';
  form.querySelectorAll('input[name="receivedOn"]').forEach((i) => ((i as HTMLInputElement).value = today ?? ''));
  form.querySelectorAll('input').forEach((i) => i.dispatchEvent(new Event('input')));
  showErrors(form, {});
  showCellNotes(form, CASE_FORM_COLUMNS, {});
  refreshVisibility();
}

function refused(errors: Record<string, string>): void {
  showErrors(form, errors);
  say('error', `${FORM_INVALID}保存していません。`);
}

const FIELD_LABELS: Record<DuplicateField, string> = { name: '氏名', contact: '連絡先', address: '住所' };

/** The registered cases that look like this one, each with 「このケースを開く」; then 「別のケースとして登録」. */
function showDuplicates(w: DuplicateWarning | null): void {
  const panel = byId('duplicates');
  panel.hidden = w === null;
  if (!w) {
    panel.replaceChildren();
    return;
  }
  const items = w.duplicates.map((d) => {
    const sub = [d.receivedOn ? `受付 ${d.receivedOn}` : '', d.staff ? `担当 ${d.staff}` : '', d.stage ?? '']
      .filter(Boolean)
      .join('・');
    const open = h('button', { type: 'button', className: 'open-case' }, 'このケースを開く');
    open.addEventListener('click', () => void openCase(d.caseId));
    return h(
      'li',
      { 'data-case': d.caseId },
      h('strong', {}, d.caseId),
      d.name ? ` ${d.name}` : '',
      h('span', { className: 'sub' }, sub),
      h('span', { className: 'sub match' }, `一致: ${d.fields.map((f) => FIELD_LABELS[f]).join('・')}`),
      open,
    );
  });
  const anyway = h('button', { type: 'button', id: 'save-anyway' }, '別のケースとして登録');
  anyway.addEventListener('click', () => void guard(() => saveNew(true)));
  panel.replaceChildren(
    h(
      'p',
      {},
      h('strong', {}, `似ているケースが${w.duplicates.length + w.more}件あります。`),
      '同じ人の相談なら、そのケースを開いて直してください。別の人なら「別のケースとして登録」を押してください。',
    ),
    h('ul', { className: 'cases' }, ...items),
    w.more ? h('p', { className: 'hint' }, `ほか ${w.more}件`) : '',
    anyway,
  );
  panel.scrollIntoView({ block: 'nearest' });
}

async function saveNew(confirmNew = false): Promise<void> {
  const p = payload();
  const long = tooLong(p);
  if (Object.keys(long).length) return refused(long);
  const local = validateCaseForm(p, settings);
  if (!local.ok) return refused(local.errors);
  // A consultation is received on a day that has come: 2027 for 2026 would file it in a year to come.
  const receivedOn = local.record['receivedOn'];
  if (today !== undefined && typeof receivedOn === 'string' && receivedOn > today)
    return refused({ receivedOn: `受付日が今日（${today}）より後です。年や月を確かめてください。` });
  showErrors(form, {});
  const r = await (confirmNew ? call('submitIntake', p, { confirmNew: true }) : call('submitIntake', p));
  if (isFailure(r)) {
    if (isDuplicateWarning(r)) {
      say('warn', r.message);
      showDuplicates(r);
      return;
    }
    showErrors(form, r.errors);
    say('error', r.message);
    return;
  }
  reset(byId<HTMLInputElement>('f-receivedOn').value);
  say('ok', '受け付けました。ケースID: ', r.caseId);
}

/** After a save the row holds the changes: they are what the next save is compared with. */
function saved(e: Editing, now: CasePayload, changes: CasePayload, version: string): void {
  const values = { ...e.cells.values };
  const unreadable = { ...e.cells.unreadable };
  for (const key of Object.keys(changes)) {
    delete unreadable[key];
    const v = now[key];
    if (v === undefined) delete values[key];
    else values[key] = v;
  }
  editing = { ...e, version, cells: { values, unreadable }, loaded: now };
  showCellNotes(form, CASE_FORM_COLUMNS, unreadable);
}

async function saveChanges(e: Editing): Promise<void> {
  const now = payload();
  const changes = changedFields(e.loaded, now);
  if (Object.keys(changes).length === 0) {
    showErrors(form, {});
    say('info', '変更された項目がないため、何も書き込んでいません。');
    return;
  }
  const long = tooLong(changes);
  if (Object.keys(long).length) return refused(long);
  const local = validateCaseChange(e.cells, changes, settings, e.caseId);
  if (!local.ok) return refused(local.errors);
  showErrors(form, {});
  const request: CaseUpdate = { caseId: e.caseId, version: e.version, changes };
  const r = await call('updateCase', request);
  if (isFailure(r)) {
    showErrors(form, r.errors);
    say('error', r.message);
    return;
  }
  saved(e, now, changes, r.version);
  say('ok', '変更を保存しました: ', r.caseId);
}

/** What pressing 保存 again shows when the lost save was in fact written (see lostAnswer). */
function repeatOf(): Repeat {
  if (editing) return { shows: '「読み込んだ後に変更されています」と表示されます' };
  const p = payload();
  return p['name'] || p['contact'] || p['address']
    ? { shows: 'そのケースが「似ているケース」として表示されます' }
    : { unseen: '氏名・連絡先・住所が空欄のため', look: '「ケース」シートの最後の行' };
}

/**
 * Runs one save: what the last action said is cleared first, and the whole sidebar — every field
 * and button, and the case loader — is held still until it is done (what is typed meanwhile would
 * be lost: a saved form is emptied). A lost answer keeps the form as it was sent.
 */
async function guard(save: () => Promise<void>): Promise<void> {
  clearMessages();
  say('info', '保存しています…');
  const release = holdStill(form, byId<HTMLFormElement>('load-form'));
  try {
    await save();
  } catch {
    say('error', lostAnswer('保存', '保存', repeatOf()));
  } finally {
    release();
  }
}

function submit(ev: Event): Promise<void> {
  ev.preventDefault();
  return guard(() => (editing ? saveChanges(editing) : saveNew()));
}

/** Fields that are text inputs: they can show any cell as it was typed. */
const TYPED_INPUTS = new Set<ColumnDef['type']>(['date', 'integer', 'number', 'text', 'id', 'reference']);

/** Shows a loaded case: each field as its cell means it; an unreadable cell as typed or with a note. */
function show(r: LoadedCase): void {
  form.reset();
  for (const col of CASE_FORM_COLUMNS) {
    const cell = r.unreadable[col.key];
    // A text input shows an unreadable cell as typed; a select or check box cannot, and says so.
    writeField(form, col, cell && TYPED_INPUTS.has(col.type) ? cell.text : r.values[col.key]);
  }
  showErrors(form, {});
  showCellNotes(form, CASE_FORM_COLUMNS, r.unreadable);
  refreshVisibility();
}

/** Loads a case for editing (its ケースID in any width or case); the last action's messages go first. */
async function openCase(id: string): Promise<void> {
  clearMessages();
  const r = await call('loadCase', id.trim());
  const err = byId('err-load');
  // The edit section shows which case is open (and where a refusal is said).
  (err.closest('details') as HTMLDetailsElement).open = true;
  if (isFailure(r)) {
    err.textContent = r.errors.caseId ?? r.message;
    err.hidden = false;
    return;
  }
  show(r);
  editing = {
    caseId: r.caseId,
    version: r.version,
    cells: { values: r.values, unreadable: r.unreadable },
    loaded: payload(),
  };
  byId('mode').textContent = `編集中: ${r.caseId}`;
  byId<HTMLInputElement>('load-id').value = r.caseId;
  const notes = Object.keys(r.unreadable).length;
  say(
    'info',
    `${r.caseId} を読み込みました（${r.row}行目）。直して「保存」を押してください。` +
      (notes ? `読めないセルが ${notes} つあります（項目の下の説明をご覧ください）。` : ''),
  );
}

async function start(): Promise<void> {
  render(settingsLists(settings));
  form.addEventListener('submit', (e) => void submit(e));
  clearErrorsOnEdit(form);
  byId('load-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void openCase(byId<HTMLInputElement>('load-id').value);
  });
  try {
    const ctx = await call('getIntakeContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    settings = { ...settings, ...ctx.lists, fiscalYearStartMonth: ctx.fiscalYearStartMonth };
    setToday(ctx.today);
    render(ctx.lists);
    today = ctx.today;
    reset(ctx.today);
    // The example ケースID: this fiscal year's first, in the contract's format.
    byId<HTMLInputElement>('load-id').placeholder = formatId(
      idFormatOf('cases'),
      fiscalYearOf(ctx.today, ctx.fiscalYearStartMonth),
      1,
    );
    byId('ready').dataset.ready = 'true';
    // Opened from 確認予定 (「開く」): Apps Script names the case in a <meta>; it is loaded for editing.
    const preset = document.querySelector<HTMLMetaElement>('meta[name="kasane-open-case"]')?.content;
    if (preset) void openCase(preset);
  } catch (err) {
    say('error', `台帳の設定を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
