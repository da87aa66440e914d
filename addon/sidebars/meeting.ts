// The meeting sidebar. For a 重層的支援会議 only cases with consent in force on the meeting day can
// be chosen; the others stay visible, disabled, with the reason and the hint to use a 支援会議.
import { defaultSettings, idFormatOf } from '../../core/registry/definition';
import { idYearPrefix } from '../../core/registry/ids';
import { parseDateText } from '../../core/dates/calendar';
import { fiscalYearOf } from '../../core/dates/fiscal';
import { consentGap, MULTI_MEETING, SUPPORT_MEETING, SUPPORT_MEETING_HINT, type CaseChoice } from '../forms/consent';
import { MEETINGS, validateMeetingForm, type MeetingPayload } from '../forms/meeting-form';
import { FORM_INVALID, isFailure, type Failure } from '../errors';
import { call } from './bridge';
import { byId, errorSlot, h, option, requiredMark, say, showErrors } from './dom';
import { field, readField } from './fields';

interface Context {
  ok: true;
  today: string;
  fiscalYearStartMonth: number;
  areas: string[];
  purposes: string[];
  cases: CaseChoice[];
}
interface Saved {
  ok: true;
  meetingId: string;
  cases: number;
}

const form = byId<HTMLFormElement>('meeting-form');
let settings = defaultSettings();
let cases: CaseChoice[] = [];
let purposes: string[] = [];
const chosen = new Map<string, { purpose: string }>();
/** The search box's example: this fiscal year's ケースID start (from the context: the sheet's 年度開始月). */
let caseSearchHint = '';
const LIST_LIMIT = 100;

const col = (key: string) => MEETINGS.columns.find((c) => c.key === key)!;

function meetingDay(): string | null {
  const v = (form.elements.namedItem('heldOn') as HTMLInputElement).value.trim();
  const r = v ? parseDateText(v) : null;
  return r && r.ok ? r.value : null;
}

function meetingType(): string {
  return (form.elements.namedItem('type') as HTMLSelectElement).value;
}

function renderCases(): void {
  const list = byId('case-list');
  const query = byId<HTMLInputElement>('case-search').value.trim().toUpperCase();
  const day = meetingDay();
  const multi = meetingType() === MULTI_MEETING;
  byId('consent-note').textContent = multi
    ? day
      ? `重層的支援会議: ${day} に本人同意のあるケースだけを選べます。`
      : '重層的支援会議: 開催日を入れると、同意のあるケースだけを選べるようになります。'
    : '';
  list.replaceChildren();
  let shown = 0;
  let hidden = 0;
  for (const c of cases) {
    if (query && !c.caseId.toUpperCase().includes(query) && !chosen.has(c.caseId)) continue;
    // A long registry: the chosen cases and the first matches are drawn, the rest wait for a narrower search.
    if (shown >= LIST_LIMIT && !chosen.has(c.caseId)) {
      hidden++;
      continue;
    }
    shown++;
    const gap = multi ? (day ? consentGap(c, day) : '開催日が未入力です') : null;
    if (gap && chosen.has(c.caseId)) chosen.delete(c.caseId);
    const id = `case-${c.caseId}`;
    const box = h('input', { type: 'checkbox', id, name: 'caseIds', value: c.caseId, disabled: gap !== null });
    box.checked = chosen.has(c.caseId);
    box.addEventListener('change', () => {
      if (box.checked) chosen.set(c.caseId, { purpose: '' });
      else chosen.delete(c.caseId);
      renderCases();
    });
    const row = h(
      'li',
      { className: gap ? 'case disabled' : 'case', 'data-case': c.caseId },
      h(
        'span',
        { className: 'check' },
        box,
        h(
          'label',
          { htmlFor: id },
          c.caseId,
          c.receivedOn ? h('span', { className: 'sub' }, ` 受付 ${c.receivedOn}`) : '',
        ),
      ),
    );
    if (gap) row.append(h('p', { className: 'reason' }, `選べません: ${gap}。${SUPPORT_MEETING_HINT}`));
    const picked = chosen.get(c.caseId);
    if (picked) {
      const i = [...chosen.keys()].indexOf(c.caseId);
      const sel = h('select', {
        id: `purpose-${c.caseId}`,
        name: `purpose-${c.caseId}`,
        'data-field': `cases.${i}.purpose`,
      });
      sel.append(option('', '（選択してください）'));
      for (const p of purposes) sel.append(option(p, p, p === picked.purpose));
      sel.addEventListener('change', () => (picked.purpose = sel.value));
      row.append(
        h(
          'div',
          { className: 'purpose' },
          h('label', { htmlFor: `purpose-${c.caseId}` }, '検討内容', requiredMark()),
          sel,
        ),
        errorSlot(`cases.${i}.purpose`),
        errorSlot(`cases.${i}.caseId`),
      );
    }
    list.append(row);
  }
  if (hidden) list.append(h('li', { className: 'hint' }, `ほか ${hidden}件。ケースIDで絞り込んでください。`));
  if (!list.children.length)
    list.append(
      h(
        'li',
        { className: 'hint' },
        cases.length ? '該当するケースがありません。' : '「ケース」シートにケースがありません。',
      ),
    );
  byId('chosen-count').textContent = `選択中: ${chosen.size}件`;
}

function refreshType(): void {
  const support = meetingType() === SUPPORT_MEETING;
  const label = byId('field-confidentialityConfirmed').querySelector('label')!;
  label.querySelector('.req')?.remove();
  if (support) label.append(requiredMark());
  renderCases();
}

function payload(): MeetingPayload {
  const p: MeetingPayload = {
    cases: [...chosen].map(([caseId, v]) => ({ caseId, ...(v.purpose ? { purpose: v.purpose } : {}) })),
  };
  for (const key of ['heldOn', 'type', 'area', 'attendees', 'organizations', 'minutes'] as const) {
    const v = readField(form, col(key));
    if (typeof v === 'string') p[key] = v;
  }
  p.confidentialityConfirmed = readField(form, col('confidentialityConfirmed')) === true;
  return p;
}

async function submit(e: Event): Promise<void> {
  e.preventDefault();
  const p = payload();
  const local = validateMeetingForm(p, settings, new Map(cases.map((c) => [c.caseId, c])));
  if (!local.ok) {
    showErrors(form, local.errors);
    say('error', `${FORM_INVALID}記録していません。`);
    return;
  }
  showErrors(form, {});
  const button = byId<HTMLButtonElement>('save');
  button.disabled = true;
  say('info', '記録しています…');
  try {
    const r = await call<Saved | Failure>('submitMeeting', p);
    if (isFailure(r)) {
      showErrors(form, r.errors);
      say('error', r.message);
      return;
    }
    chosen.clear();
    form.reset();
    // reset() fires no input events: let the date hints follow the emptied fields.
    form.querySelectorAll('input').forEach((i) => i.dispatchEvent(new Event('input')));
    refreshType();
    say('ok', `記録しました（検討ケース ${r.cases}件）。会議ID: `, r.meetingId);
  } catch (err) {
    say('error', `記録できませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  } finally {
    button.disabled = false;
  }
}

function render(areas: string[]): void {
  const lists = { areas };
  form.replaceChildren(
    field(col('type'), lists),
    field(col('heldOn'), lists),
    field(col('area'), lists),
    field(col('attendees'), lists),
    field(col('organizations'), lists),
    field(
      col('confidentialityConfirmed'),
      lists,
      '支援会議では必須: 出席者の守秘義務（社会福祉法第106条の6）を確認したらチェック。',
    ),
    h('h2', {}, '検討したケース'),
    h('p', { className: 'hint', id: 'consent-note' }),
    h(
      'div',
      { className: 'field' },
      h('label', { htmlFor: 'case-search' }, 'ケースIDで絞り込み'),
      h('input', { type: 'search', id: 'case-search', placeholder: caseSearchHint, autocomplete: 'off' }),
    ),
    h('p', { className: 'hint', id: 'chosen-count' }),
    h('ul', { className: 'cases', id: 'case-list' }),
    errorSlot('cases'),
    field(col('minutes'), lists),
    h('p', { className: 'hint' }, '議事メモは個人情報としてスプレッドシートの中だけに残ります。'),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'action', id: 'save' }, '記録する')),
  );
  (form.elements.namedItem('type') as HTMLSelectElement).addEventListener('change', refreshType);
  (form.elements.namedItem('heldOn') as HTMLInputElement).addEventListener('input', renderCases);
  byId('case-search').addEventListener('input', renderCases);
  refreshType();
}

async function start(): Promise<void> {
  render(settings.areas);
  form.addEventListener('submit', (e) => void submit(e));
  try {
    const ctx = await call<Context | Failure>('getMeetingContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    settings = { ...settings, areas: ctx.areas };
    cases = ctx.cases;
    purposes = ctx.purposes;
    caseSearchHint = idYearPrefix(idFormatOf('cases'), fiscalYearOf(ctx.today, ctx.fiscalYearStartMonth));
    render(ctx.areas);
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `ケースの一覧を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
