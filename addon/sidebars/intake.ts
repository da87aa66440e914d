// The intake sidebar: a new case (ケースID made by Apps Script inside the lock), or an existing
// case loaded by ケースID, changed and saved (refused if the row changed since it was loaded).
import { defaultSettings } from '../../core/registry/definition';
import { CASE_FORM_COLUMNS, validateCaseForm, visibleFields, type CasePayload } from '../forms/case-form';
import { FORM_INVALID, isFailure, type Failure } from '../errors';
import { call } from './bridge';
import { byId, errorSlot, h, requiredMark, say, showErrors } from './dom';
import { field, readField, writeField, type Lists } from './fields';

interface Context {
  ok: true;
  today: string;
  lists: { areas: string[]; windows: string[]; issueTags: string[] };
  fiscalYearStartMonth: number;
}
interface Saved {
  ok: true;
  caseId: string;
  row: number;
  version: string;
}
interface Loaded extends Saved {
  values: Record<string, unknown>;
}

const form = byId<HTMLFormElement>('case-form');
let settings = defaultSettings();
let editing: { caseId: string; version: string } | null = null;

function payload(): CasePayload {
  const p: CasePayload = {};
  for (const col of CASE_FORM_COLUMNS) {
    const v = readField(form, col);
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) p[col.key] = v;
  }
  // Fields hidden by the consent state or stage are not part of the case.
  const vis = visibleFields(p);
  if (!vis.consentOn) delete p.consentOn;
  if (!vis.consentRevokedOn) delete p.consentRevokedOn;
  if (!vis.closure) {
    delete p.closedOn;
    delete p.closureReason;
  }
  return p;
}

function refreshVisibility(): void {
  const vis = visibleFields({
    consent: readField(form, { key: 'consent', label: '', type: 'enum', required: true }) as string,
    stage: readField(form, { key: 'stage', label: '', type: 'enum', required: true }) as string,
  });
  const show = (key: string, on: boolean, required: boolean) => {
    const el = byId(`field-${key}`);
    el.hidden = !on;
    el.querySelector('label')?.querySelector('.req')?.remove();
    if (on && required) el.querySelector('label')?.append(requiredMark());
  };
  show('consentOn', vis.consentOn, true);
  show('consentRevokedOn', vis.consentRevokedOn, true);
  show('closedOn', vis.closure, true);
  show('closureReason', vis.closure, true);
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
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'action', id: 'save' }, '保存'),
      h('button', { type: 'button', id: 'clear' }, 'クリア'),
    ),
  );
  form.querySelector<HTMLSelectElement>('[name="consent"]')!.addEventListener('change', refreshVisibility);
  form.querySelector<HTMLSelectElement>('[name="stage"]')!.addEventListener('change', refreshVisibility);
  byId('clear').addEventListener('click', () => reset());
  refreshVisibility();
}

function reset(today?: string): void {
  form.reset();
  editing = null;
  byId('mode').textContent = '新しい相談';
  form.querySelectorAll('input[name="receivedOn"]').forEach((i) => ((i as HTMLInputElement).value = today ?? ''));
  form.querySelectorAll('input').forEach((i) => i.dispatchEvent(new Event('input')));
  showErrors(form, {});
  refreshVisibility();
}

async function submit(e: Event): Promise<void> {
  e.preventDefault();
  const p = payload();
  const local = validateCaseForm(p, settings, editing?.caseId);
  if (!local.ok) {
    showErrors(form, local.errors);
    say('error', `${FORM_INVALID}保存していません。`);
    return;
  }
  showErrors(form, {});
  const button = byId<HTMLButtonElement>('save');
  button.disabled = true;
  say('info', '保存しています…');
  try {
    const r = editing
      ? await call<Saved | Failure>('updateCase', { caseId: editing.caseId, version: editing.version, fields: p })
      : await call<Saved | Failure>('submitIntake', p);
    if (isFailure(r)) {
      showErrors(form, r.errors);
      say('error', r.message);
      return;
    }
    if (editing) {
      editing.version = r.version;
      say('ok', '変更を保存しました: ', r.caseId);
    } else {
      reset(byId<HTMLInputElement>('f-receivedOn').value);
      say('ok', '受け付けました。ケースID: ', r.caseId);
    }
  } catch (err) {
    say(
      'error',
      `保存できませんでした（${err instanceof Error ? err.message : String(err)}）。もう一度お試しください。`,
    );
  } finally {
    button.disabled = false;
  }
}

async function loadForEdit(e: Event): Promise<void> {
  e.preventDefault();
  const id = byId<HTMLInputElement>('load-id').value.trim();
  const r = await call<Loaded | Failure>('loadCase', id);
  const err = byId('err-load');
  if (isFailure(r)) {
    err.textContent = r.errors.caseId ?? r.message;
    err.hidden = false;
    return;
  }
  err.hidden = true;
  form.reset();
  for (const col of CASE_FORM_COLUMNS) writeField(form, col, r.values[col.key]);
  editing = { caseId: r.caseId, version: r.version };
  byId('mode').textContent = `編集中: ${r.caseId}`;
  refreshVisibility();
  say('info', `${r.caseId} を読み込みました（${r.row}行目）。直して「保存」を押してください。`);
}

async function start(): Promise<void> {
  render({ areas: settings.areas, windows: settings.windows, issueTags: settings.issueTags });
  form.addEventListener('submit', (e) => void submit(e));
  byId('load-form').addEventListener('submit', (e) => void loadForEdit(e));
  try {
    const ctx = await call<Context | Failure>('getIntakeContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    settings = { ...settings, ...ctx.lists, fiscalYearStartMonth: ctx.fiscalYearStartMonth };
    render(ctx.lists);
    reset(ctx.today);
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `台帳の設定を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
