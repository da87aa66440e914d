// The preview server: the built sidebars (with a google.script.run shim), their calls answered by
// the built Code.js on the emulated spreadsheet, and every sheet as an HTML table.
import express, { type Express } from 'express';
import { ScriptFunctionNotFound, type GasEnvironment } from '../../gas-emulator';
import { withShim } from './shim';
import { indexPage, sheetPage } from './tables';

const SIDEBARS = new Set(['intake', 'meeting']);

export function previewApp(env: GasEnvironment, files: ReadonlyMap<string, string>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const html = (res: express.Response, status: number, body: string) => res.status(status).type('html').send(body);

  app.get('/', (_req, res) => html(res, 200, indexPage()));
  app.get('/sidebar/:name', (req, res) => {
    const file = SIDEBARS.has(req.params.name) ? files.get(req.params.name) : undefined;
    if (!file) return html(res, 404, '<p>そのサイドバーはありません（intake / meeting）。</p>');
    return html(res, 200, withShim(file));
  });
  app.get('/sheet/:key', (req, res) => {
    const body = sheetPage(env, req.params.key);
    if (!body) return html(res, 404, '<p>そのシートはありません。</p>');
    return html(res, 200, body);
  });
  app.post('/run/:fn', (req, res) => {
    const body = req.body as { args?: unknown } | undefined;
    const args = Array.isArray(body?.args) ? body.args : [];
    const fn = req.params.fn;
    // Like google.script.run: any global function except private ones (ending in _).
    if (!/^[A-Za-z$][\w$]*$/.test(fn) || fn.endsWith('_'))
      return res.status(404).json({ ok: false, error: `Script function not found: ${fn}` });
    try {
      const value = env.run(fn, args);
      return res.json({ ok: true, value: value ?? null });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return res.status(e instanceof ScriptFunctionNotFound ? 404 : 500).json({ ok: false, error: message });
    }
  });
  return app;
}
