// The meeting sidebar. Cases are found by ケースID, 氏名, 担当者 or 支援状況 (open and recently active
// first, the first 50 drawn and the rest counted); the chosen ones stand below the list, outside its
// scroll, each with its 検討内容 and 次回確認日. For a 重層的支援会議 only cases with consent in force
// on the meeting day can be chosen; the others stay visible, disabled, with the reason and the hint
// to use a 支援会議 — and a case chosen before the type or day changed says why it can no longer stay.
import { defaultSettings, idFormatOf } from '../../core/registry/definition';
import { idYearPrefix } from '../../core/registry/ids';
import { fiscalYearOf } from '../../core/dates/fiscal';
import { consentGap, MULTI_MEETING, SUPPORT_MEETING, SUPPORT_MEETING_HINT, type CaseChoice } from '../forms/consent';
import { MEETINGS, validateMeetingForm, type MeetingPayload } from '../forms/meeting-form';
import { FORM_INVALID, isFailure } from '../errors';

import { call, lostAnswer } from './bridge';
import { CasePicker, caseSub, caseTitle } from './case-picker';
import { dateHint, isoOf, sentDate, setToday } from './day-hint';
import { byId, errorSlot, h, holdStill, option, requiredMark, say, showErrors } from './dom';
import { field, readField, tooLong } from './fields';

interface Chosen {
  c: CaseChoice;
  purpose: string;
  nextReviewOn: string;
}

const form = byId<HTMLFormElement>('meeting-form');
let settings = defaultSettings();
let cases: CaseChoice[] = [];
let purposes: readonly string[] = [];
/** The chosen cases in the order they were chosen (the payload's order, so errors find their case). */
const chosen = new Map<string, Chosen>();
/** The search box's example: this fiscal year's ケースID start (from the context: the sheet's 年度開始月). */
let caseSearchHint = '';
let picker: CasePicker | null = null;

const col = (key: string) => MEETINGS.columns.find((c) => c.key === key)!;

function meetingDay(): string | null {
  return isoOf((form.elements.namedItem('heldOn') as HTMLInputElement).value);
}

function meetingType(): string {
  return (form.elements.namedItem('type') as HTMLSelectElement).value;
}

/** Why a case cannot be discussed at this meeting (null: it can). */
function gapOf(c: CaseChoice): string | null {
  if (meetingType() !== MULTI_MEETING) return null;
  const day = meetingDay();
  return day ? consentGap(c, day) : '開催日が未入力です';
}

function refreshNote(): void {
  const day = meetingDay();
  byId('consent-note').textContent =
    meetingType() === MULTI_MEETING
      ? day
        ? `重層的支援会議: ${day} に本人同意のあるケースだけを選べます。`
        : '重層的支援会議: 開催日を入れると、同意のあるケースだけを選べるようになります。'
      : '';
}

/** The chosen cases, each with its fields; drawn again when a case is added or removed. */
function renderChosen(): void {
  const list = byId('chosen-list');
  list.replaceChildren();
  [...chosen.values()].forEach((x, i) => {
    const { c } = x;
    const sel = h('select', { id: `purpose-${c.caseId}`, 'data-field': `cases.${i}.purpose` });
    sel.append(option('', '（選択してください）'));
    for (const p of purposes) sel.append(option(p, p, p === x.purpose));
    sel.addEventListener('change', () => (x.purpose = sel.value));
    const next = h('input', {
      type: 'text',
      id: `next-${c.caseId}`,
      'data-field': `cases.${i}.nextReviewOn`,
      autocomplete: 'off',
      placeholder: '2025-07-01 / 令和7年7月1日',
    });
    next.value = x.nextReviewOn;
    next.addEventListener('input', () => (x.nextReviewOn = next.value));
    const hint = h('p', { className: 'hint' });
    // 次回確認日 is a day to come: 4/1 is not read as the last 4/1, and the hint asks for the year.
    dateHint(next, hint, '例: 2025-07-01、令和7年7月1日、R7.7.1', 'future');
    const remove = h('button', { type: 'button', className: 'remove', 'aria-label': `${c.caseId} を外す` }, '外す');
    remove.addEventListener('click', () => removeChosen(c, i));
    const gap = gapOf(c);
    list.append(
      h(
        'li',
        { 'data-chosen': c.caseId },
        h('div', { className: 'head' }, h('strong', {}, caseTitle(c)), remove),
        h('span', { className: 'sub' }, caseSub(c)),
        gap ? h('p', { className: 'reason' }, `この会議では検討できません: ${gap}。外してください。`) : '',
        h(
          'div',
          { className: 'field' },
          h('label', { htmlFor: `purpose-${c.caseId}` }, '検討内容', requiredMark()),
          sel,
        ),
        errorSlot(`cases.${i}.purpose`),
        h('div', { className: 'field' }, h('label', { htmlFor: `next-${c.caseId}` }, '次回確認日'), next, hint),
        errorSlot(`cases.${i}.nextReviewOn`),
        errorSlot(`cases.${i}.caseId`),
      ),
    );
  });
  byId('chosen-count').textContent = chosen.size
    ? `選択したケース: ${chosen.size}件`
    : '選択したケースはまだありません。';
}

/**
 * 外す: the case goes, and the focus — which was on the button just removed — goes to the 外す of
 * the case that took its place (or of the one before it, when it was the last), or to the search
 * box when no case is left: never to the page, from where a keyboard user would start again.
 */
function removeChosen(c: CaseChoice, at: number): void {
  toggle(c, false);
  const left = byId('chosen-list').querySelectorAll<HTMLButtonElement>('button.remove');
  (left[at] ?? left[at - 1] ?? byId('case-search')).focus();
}

function toggle(c: CaseChoice, on: boolean): void {
  if (on && !chosen.has(c.caseId)) chosen.set(c.caseId, { c, purpose: '', nextReviewOn: '' });
  if (!on) chosen.delete(c.caseId);
  renderChosen();
  picker?.render();
}

/** The type or the day changed: what can be chosen, and what the chosen cases say, follow. */
function refresh(): void {
  refreshNote();
  picker?.render();
  renderChosen();
}

function refreshType(): void {
  const support = meetingType() === SUPPORT_MEETING;
  const label = byId('field-confidentialityConfirmed').querySelector('label')!;
  label.querySelector('.req')?.remove();
  if (support) label.append(requiredMark());
  refresh();
}

function payload(): MeetingPayload {
  const p: MeetingPayload = {
    cases: [...chosen.values()].map((x) => ({
      caseId: x.c.caseId,
      ...(x.purpose ? { purpose: x.purpose } : {}),
      ...(x.nextReviewOn.trim() ? { nextReviewOn: sentDate(x.nextReviewOn, 'future') } : {}),
    })),
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
  const long = tooLong(p);
  const local = Object.keys(long).length
    ? { ok: false as const, errors: long }
    : validateMeetingForm(p, settings, new Map(cases.map((c) => [c.caseId, c])));
  if (!local.ok) {
    showErrors(form, local.errors);
    say('error', `${FORM_INVALID}記録していません。`);
    return;
  }
  showErrors(form, {});
  say('info', '記録しています…');
  // Every field waits with the button: a change typed during the save would not be in it.
  const release = holdStill(form);
  try {
    const r = await call('submitMeeting', p);
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
  } catch {
    say('error', lostAnswer('記録', '記録する', { shows: '同じ内容の会議がすでにあると表示されます' }));
  } finally {
    release();
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
      h('label', { htmlFor: 'case-search' }, 'ケースを検索'),
      h('input', {
        type: 'search',
        id: 'case-search',
        // An error about the cases as a whole (none chosen) marks the search box and takes the focus there.
        'data-field': 'cases',
        placeholder: caseSearchHint ? `${caseSearchHint}…、氏名、担当者、支援状況` : 'ケースID、氏名、担当者、支援状況',
        autocomplete: 'off',
      }),
      h('p', { className: 'hint' }, '支援中などのケースと、最近動きのあったケースが先に並びます。'),
    ),
    h('p', { className: 'hint', id: 'match-count', 'aria-live': 'polite' }),
    h('ul', { className: 'cases', id: 'case-list' }),
    h('h3', { id: 'chosen-count' }),
    h('ul', { className: 'chosen-cases', id: 'chosen-list' }),
    errorSlot('cases'),
    field(col('minutes'), lists),
    h('p', { className: 'hint' }, '議事メモは個人情報としてスプレッドシートの中だけに残ります。'),
    h('div', { className: 'actions' }, h('button', { type: 'submit', className: 'action', id: 'save' }, '記録する')),
  );
  picker = new CasePicker({
    search: byId<HTMLInputElement>('case-search'),
    list: byId('case-list'),
    count: byId('match-count'),
    mode: 'check',
    blocked: (c) => {
      const gap = gapOf(c);
      return gap ? `${gap}。${SUPPORT_MEETING_HINT}` : null;
    },
    isChosen: (c) => chosen.has(c.caseId),
    onPick: toggle,
  });
  picker.setCases(cases);
  (form.elements.namedItem('type') as HTMLSelectElement).addEventListener('change', refreshType);
  (form.elements.namedItem('heldOn') as HTMLInputElement).addEventListener('input', refresh);
  refreshType();
}

async function start(): Promise<void> {
  render(settings.areas);
  form.addEventListener('submit', (e) => void submit(e));
  try {
    const ctx = await call('getMeetingContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    settings = { ...settings, areas: ctx.areas };
    setToday(ctx.today);
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
