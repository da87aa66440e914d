// The preview is a local tool: it answers only to 127.0.0.1 / localhost, and runs the script only for
// a JSON POST from its own pages. The offline page is served at /report.
import request from 'supertest';
import { previewApp } from '../../addon/preview/app';
import { previewEnvironment, readBuiltAddon } from '../../addon/preview/workbook';
import { ADDON_DIR } from '../addon/harness';

const addon = readBuiltAddon(ADDON_DIR);
const app = previewApp(previewEnvironment(addon), addon.files, { reportPage: '<!DOCTYPE html><title>report</title>' });
const run = (host: string, headers: Record<string, string> = {}) =>
  request(app).post('/run/getIntakeContext').set('Host', host).set(headers);

test.each(['127.0.0.1:8090', 'localhost:8090', 'LOCALHOST', '[::1]:8090'])('Host %s is served', async (host) => {
  expect((await request(app).get('/sidebar/intake').set('Host', host)).status).toBe(200);
});

test.each(['evil.example', 'evil.example:8090', '192.168.1.10:8090', '127.0.0.1.evil.example'])(
  'Host %s is refused with 403 in Japanese (no DNS rebinding)',
  async (host) => {
    const r = await request(app).get('/sheet/cases.json').set('Host', host);
    expect(r.status).toBe(403);
    expect(r.body.error).toEqual({
      code: 'host.refused',
      message: 'プレビューは 127.0.0.1 か localhost からだけ使えます。',
    });
  },
);

test('the script runs for a JSON POST from its own page', async () => {
  const r = await run('127.0.0.1:8090', {
    'content-type': 'application/json',
    origin: 'http://127.0.0.1:8090',
  }).send({ args: [] });
  expect(r.status).toBe(200);
  expect(r.body.ok).toBe(true);
});

test.each([
  ['a form post (not JSON)', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['another origin', { 'content-type': 'application/json', origin: 'http://evil.example' }],
  ['a cross-site fetch', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
])('%s cannot run the script', async (_what, headers) => {
  const r = await run('127.0.0.1:8090', headers).send(
    headers['content-type']?.includes('json') ? { args: [] } : 'args=1',
  );
  expect(r.status).toBe(403);
  expect(r.body.error.code).toBe('request.refused');
});

test('/report serves the offline page', async () => {
  const r = await request(app).get('/report').set('Host', '127.0.0.1:8090');
  expect(r.status).toBe(200);
  expect(r.text).toBe('<!DOCTYPE html><title>report</title>');
});
