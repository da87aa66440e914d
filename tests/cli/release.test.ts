// scripts/release.mjs: the files a release attaches (the offline page and its checksum), and the
// refusals that keep a release from attaching a page of another version.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'kasane-release-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const built = join(root, 'build', 'kasane-report.html');

function release(args: string[], env: Record<string, string> = {}) {
  const { GITHUB_REF_NAME: _ignored, ...base } = process.env;
  return spawnSync(process.execPath, [join(root, 'scripts', 'release.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
}

test('the page as built and a checksum that sha256sum -c accepts', () => {
  const out = join(tmp, 'ok');
  const r = release(['--tag', `v${version}`, '--out', out]);
  expect(r.status).toBe(0);
  const page = readFileSync(join(out, 'kasane-report.html'));
  expect(page.equals(readFileSync(built))).toBe(true);
  const sum = createHash('sha256').update(page).digest('hex');
  expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toBe(`${sum}  kasane-report.html\n`);
});

test('a tag that is not v + the version is refused, from the flag or from the workflow', () => {
  for (const r of [
    release(['--tag', 'v99.0.0', '--out', join(tmp, 'a')]),
    release(['--out', join(tmp, 'b')], { GITHUB_REF_NAME: version }),
  ]) {
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`package.json の版 ${version} と合いません（v${version} にしてください）`);
  }
});

test('a page built from another version, or none, is not attached', () => {
  const stale = join(tmp, 'stale.html');
  writeFileSync(stale, readFileSync(built, 'utf8').replace(`content="kasane ${version}"`, 'content="kasane 0.0.1"'));
  const r = release(['--page', stale, '--out', join(tmp, 'c')]);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`版 ${version} のビルドではありません`);
  const none = release(['--page', join(tmp, 'missing.html'), '--out', join(tmp, 'd')]);
  expect(none.status).toBe(1);
  expect(none.stderr).toContain('先に npm run build を実行してください');
});
