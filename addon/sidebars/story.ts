// The ケースの経過 dialog: a case chosen with the pickers' search, then every event of it from every
// sheet in date order (core/registry/timeline.ts), printable. It shows names: the page says
// 取扱注意（個人情報） on screen and at the top of the printed copy.
import { toWareki } from '../../core/dates/era';
import { caseTimeline, TIMELINE_KINDS } from '../../core/registry/timeline';
import type { CaseStory } from '../coordinator/types';
import type { CaseChoice } from '../forms/consent';
import { isFailure } from '../errors';
import { call } from './bridge';
import { CasePicker, caseTitle } from './case-picker';
import { byId, h, say } from './dom';

const picker = new CasePicker({
  search: byId<HTMLInputElement>('case-search'),
  list: byId('case-list'),
  count: byId('match-count'),
  mode: 'open',
  isChosen: () => false,
  onPick: (c) => void show(c),
});

function render(s: CaseStory, c: CaseChoice): void {
  const events = caseTimeline(s.registry, s.rows, s.caseId);
  byId('story-title').textContent = `ケースの経過: ${caseTitle(c)}`;
  byId('story-about').replaceChildren(...s.about.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  byId('story-made').textContent =
    `${s.madeAt} 作成。出来事 ${events.length}件（同じ日は 受付・同意・同意撤回・支援記録・会議・プラン作成・終結 の順）。`;
  byId('story-events').replaceChildren(
    ...events.map((e) =>
      h(
        'tr',
        { 'data-kind': e.kind },
        h('td', { className: 'on' }, e.on ? `${e.on}（${toWareki(e.on)}）` : '日付が読めません'),
        h('td', { className: 'kind' }, TIMELINE_KINDS[e.kind].label),
        h(
          'td',
          {},
          h('strong', {}, e.title),
          e.details.length ? h('div', {}, e.details.map(([k, v]) => `${k}: ${v}`).join(' · ')) : '',
          h('div', { className: 'sub no-print' }, `「${SHEET_NAMES[e.sheet] ?? e.sheet}」${e.row}行目`),
        ),
      ),
    ),
  );
  byId('pick').hidden = true;
  byId('story').hidden = false;
}

const SHEET_NAMES: Readonly<Record<string, string>> = {
  cases: 'ケース',
  meetingCases: '検討ケース',
  activities: '支援記録',
};

async function show(c: CaseChoice): Promise<void> {
  say('info', `${c.caseId} の経過を読み込んでいます…`);
  try {
    const s = await call('getCaseStory', c.caseId);
    if (isFailure(s)) {
      say('error', s.message);
      return;
    }
    byId('status').hidden = true;
    render(s, c);
  } catch (err) {
    say('error', `経過を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

async function start(): Promise<void> {
  byId('print').addEventListener('click', () => window.print());
  byId('back').addEventListener('click', () => {
    byId('story').hidden = true;
    byId('pick').hidden = false;
    byId<HTMLInputElement>('case-search').focus();
  });
  try {
    const ctx = await call('getMeetingContext');
    if (isFailure(ctx)) {
      say('error', ctx.message);
      return;
    }
    picker.setCases(ctx.cases);
    byId('ready').dataset.ready = 'true';
  } catch (err) {
    say('error', `ケースの一覧を読み込めませんでした（${err instanceof Error ? err.message : String(err)}）。`);
  }
}

void start();
