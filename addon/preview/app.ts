// The preview server: the whole add-on without Google. The index page is the かさね menu; its items
// run the built Code.js on the emulated spreadsheet, sidebars and dialogs are the built HTML files
// (as the menu item shows them, with a google.script.run shim), and every sheet is an HTML table
// and a JSON document.
import express, { type Express } from 'express';
import { ScriptFunctionNotFound, type GasEnvironment } from '../../gas-emulator';
import { withShim } from './shim';
import { dialogFunction, indexPage, OPENS, sheetJson, sheetNameOf, sheetPage, SIDEBARS } from './tables';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Hosts a local tool answers to: a page elsewhere cannot reach it through a name that points here. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const hostName = (host: string | undefined): string => (host ?? '').replace(/:\d+$/, '').toLowerCase();

/**
 * The preview is a local tool holding a (fictional or real) registry: it answers only requests whose
 * Host is 127.0.0.1 or localhost (no DNS rebinding), and runs the script only for a JSON POST from
 * its own pages (a form on another site cannot send application/json without a preflight, and a
 * browser names the Origin it comes from).
 */
const localOnly: express.RequestHandler = (req, res, next) => {
  if (!LOCAL_HOSTS.has(hostName(req.headers.host)))
    return res.status(403).json({
      error: { code: 'host.refused', message: 'プレビューは 127.0.0.1 か localhost からだけ使えます。' },
    });
  if (req.method === 'POST') {
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}`;
    if (!req.is('application/json') || !sameOrigin || req.headers['sec-fetch-site'] === 'cross-site')
      return res.status(403).json({
        error: {
          code: 'request.refused',
          message: 'プレビューの操作は、同じプレビューのページからの JSON の要求だけを受け付けます。',
        },
      });
  }
  return next();
};

export function previewApp(
  env: GasEnvironment,
  files: ReadonlyMap<string, string>,
  options: { reportPage?: string } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(localOnly);
  app.use(express.json({ limit: '1mb' }));
  const html = (res: express.Response, status: number, body: string) => res.status(status).type('html').send(body);

  // The menu, and running its items.
  app.get('/', (_req, res) => html(res, 200, indexPage(env)));
  app.post('/menu/:fn', (req, res) => {
    const fn = req.params.fn;
    const inMenu = env.ui.menus.some((m) => m.entries.some((e) => 'functionName' in e && e.functionName === fn));
    if (!inMenu) return res.status(404).json({ ok: false, error: `メニューにない項目です: ${fn}` });
    const opens = OPENS[fn];
    if (opens) return res.json({ ok: true, open: `/${opens.kind}/${opens.name}` });
    // What the person at the spreadsheet would see: the alerts and toasts this run added.
    const alerts = env.ui.alerts.length;
    const toasts = env.spreadsheet.toasts.length;
    const prompts = env.ui.prompts.length;
    try {
      const value = env.run(fn);
      return res.json({
        ok: true,
        value: value ?? null,
        alerts: env.ui.alerts.slice(alerts),
        toasts: env.spreadsheet.toasts.slice(toasts),
        // Questions the preview cannot answer (the emulator answers Cancel): named, so a run that stops there says why.
        prompts: env.ui.prompts.slice(prompts),
      });
    } catch (e) {
      return res.status(500).json({ ok: false, error: messageOf(e) });
    }
  });

  // Sidebars and dialogs.
  app.get('/sidebar/:name', (req, res) => {
    const file = SIDEBARS.has(req.params.name) ? files.get(req.params.name) : undefined;
    if (!file) return html(res, 404, `<p>そのサイドバーはありません（${[...SIDEBARS].join(' / ')}）。</p>`);
    return html(res, 200, withShim(file));
  });
  app.get('/dialog/:name', (req, res) => {
    const fn = dialogFunction(req.params.name);
    if (!fn) return html(res, 404, '<p>そのダイアログはありません（indicators / summary / story）。</p>');
    // The dialog exactly as the menu item shows it: the item runs in the emulator, as in Sheets.
    const before = env.ui.shown.length;
    env.run(fn);
    const shown = env.ui.shown.slice(before).find((s) => s.kind === 'modal');
    if (!shown) return html(res, 500, `<p>${fn} がダイアログを表示しませんでした。</p>`);
    return html(res, 200, withShim(shown.content));
  });

  // What a google.script.run call showed, as it showed it.
  app.get('/shown/:i', (req, res) => {
    const shown = env.ui.shown[Number(req.params.i)];
    if (!shown) return html(res, 404, '<p>表示されたサイドバー・ダイアログはありません。</p>');
    return html(res, 200, withShim(shown.content));
  });

  // Every sheet: /sheet/<key> as a table, /sheet/<key>.json as {name, values, charts}.
  app.get('/sheet/:key', (req, res) => {
    const json = /^(.+)\.json$/.exec(req.params.key);
    if (json) {
      const name = sheetNameOf(json[1]!);
      const doc = name ? sheetJson(env, name) : null;
      if (!doc)
        return res
          .status(404)
          .json({ error: name ? `「${name}」シートはまだありません。` : 'そのシートはありません。' });
      return res.json(doc);
    }
    const body = sheetPage(env, req.params.key);
    if (!body) return html(res, 404, '<p>そのシートはありません。</p>');
    return html(res, 200, body);
  });

  // google.script.run: any global function of the built script.
  app.post('/run/:fn', (req, res) => {
    const body = req.body as { args?: unknown } | undefined;
    const args = Array.isArray(body?.args) ? body.args : [];
    const fn = req.params.fn;
    // Like google.script.run: any global function except private ones (ending in _).
    if (!/^[A-Za-z$][\w$]*$/.test(fn) || fn.endsWith('_'))
      return res.status(404).json({ ok: false, error: `Script function not found: ${fn}` });
    const shown = env.ui.shown.length;
    try {
      const value = env.run(fn, args);
      // A call that shows a sidebar (確認予定's 「開く」 shows the intake sidebar): the page goes there.
      const open = env.ui.shown.length > shown ? { open: `/shown/${env.ui.shown.length - 1}` } : {};
      return res.json({ ok: true, value: value ?? null, ...open });
    } catch (e) {
      return res.status(e instanceof ScriptFunctionNotFound ? 404 : 500).json({ ok: false, error: messageOf(e) });
    }
  });

  // The offline page for Excel users, as `npm run build` writes it (build/kasane-report.html).
  app.get('/report', (_req, res) => {
    const page = options.reportPage;
    if (page === undefined)
      return html(res, 404, '<p>オフラインのページがありません。先に npm run build を実行してください。</p>');
    return html(res, 200, page);
  });
  return app;
}
