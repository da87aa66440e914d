// The files a release attaches, from the build just made:
//   build/release/kasane-report.html   the offline page (README: Excel の台帳から集計する)
//   build/release/SHA256SUMS            its checksum, so an office can check a copy passed on by USB
//
//   node scripts/release.mjs [--tag v0.1.0] [--out build/release] [--page build/kasane-report.html]
//
// The tag (or GITHUB_REF_NAME in the release workflow) must be `v` and package.json's version, and the
// built page must carry that version: a release never attaches a page built from another version.
// .github/workflows/release.yml runs it on a pushed tag and attaches the files to the release.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    out: { type: 'string', default: 'build/release' },
    page: { type: 'string', default: 'build/kasane-report.html' },
  },
});
const { version } = JSON.parse(await readFile('package.json', 'utf8'));
const tag = values.tag ?? process.env.GITHUB_REF_NAME;
if (tag !== undefined && tag !== `v${version}`)
  fail(`タグ ${tag} が package.json の版 ${version} と合いません（v${version} にしてください）。`);

let page;
try {
  page = await readFile(values.page);
} catch {
  fail(`${values.page} がありません。先に npm run build を実行してください。`);
}
// The version as scripts/build-report.mjs writes it into the page's head.
if (!page.toString('utf8').includes(`<meta name="generator" content="kasane ${version}" />`))
  fail(`${values.page} は版 ${version} のビルドではありません。npm run build をやり直してください。`);

await mkdir(values.out, { recursive: true });
await copyFile(values.page, join(values.out, 'kasane-report.html'));
const sum = createHash('sha256').update(page).digest('hex');
await writeFile(join(values.out, 'SHA256SUMS'), `${sum}  kasane-report.html\n`);
console.log(`release: ${version} → ${values.out}/kasane-report.html (sha256 ${sum})`);
