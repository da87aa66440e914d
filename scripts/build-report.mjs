// Builds build/kasane-report.html: the offline page for Excel users (reports/page/), one
// self-contained file — script and style inlined, nothing loaded from anywhere — that opens from a
// USB stick or a file share (file://) in Edge or Chrome. The page reads the dropped registry with
// the same reader, core and renderers as the CLI, inside the browser.
//   - Content-Security-Policy: no network at all (connect-src 'none', default-src 'none'); the one
//     script is allowed by its hash, so no other script could ever run in the page.
//   - The bundle must not name a network API (fetch, XMLHttpRequest, WebSocket, sendBeacon …).
//   - It stays under 2 MB: the size is printed and the build fails above it.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';

const OUT = 'build/kasane-report.html';
const LIMIT = 2 * 1024 * 1024;
const NETWORK_APIS = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|importScripts)\b/;

const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`;

async function script() {
  const r = await build({
    entryPoints: ['reports/page/entry.ts'],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // DecompressionStream('deflate-raw') arrived in Chrome and Edge 103.
    target: ['chrome103', 'edge103'],
    charset: 'utf8',
    legalComments: 'none',
    // The CSV renderers encode with Buffer.from(text, 'utf8'): the page's shim answers that one call.
    inject: ['reports/page/buffer-shim.ts'],
    logLevel: 'warning',
  });
  const js = r.outputFiles[0].text;
  const network = NETWORK_APIS.exec(js);
  if (network)
    throw new Error(`kasane-report.html: the page's script names ${network[1]}; it must never use the network`);
  if (/<!--|<script/i.test(js))
    throw new Error('kasane-report.html: the script holds <!-- or <script, which would end it early');
  // In an inline script only "</script" ends the element; escaped, it is the same JavaScript.
  return js.replace(/<\/script/gi, '<\\/script');
}

export async function buildReport() {
  const js = await script();
  const css = (await readFile('reports/page/page.css', 'utf8'))
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '');
  const { version } = JSON.parse(await readFile('package.json', 'utf8'));
  const hash = createHash('sha256').update(js, 'utf8').digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const template = await readFile('reports/page/page.html', 'utf8');
  const html = template
    .replace(
      '<!-- kasane:csp -->',
      // The version in a meta tag too: scripts/release.mjs attaches only a page of the version tagged.
      () =>
        `<meta http-equiv="Content-Security-Policy" content="${csp}" /><meta name="generator" content="kasane ${version}" />`,
    )
    .replace('<!-- kasane:version -->', () => version)
    .replace('<!-- kasane:style -->', () => `<style>${css}</style>`)
    .replace('<!-- kasane:script -->', () => `<script>${js}</script>`);
  if (/<!-- kasane:/.test(html)) throw new Error('kasane-report.html: a placeholder of page.html was left unfilled');
  const size = Buffer.byteLength(html);
  if (size > LIMIT) throw new Error(`kasane-report.html is ${kb(html)}; keep it under ${LIMIT / 1024 / 1024} MB`);
  await mkdir('build', { recursive: true });
  // Written beside and renamed over, so a test or a copy never sees half a page.
  const tmp = `${OUT}.tmp-${process.pid}`;
  await writeFile(tmp, html);
  await rename(tmp, OUT);
  console.log(`build: offline page → ${OUT} ${kb(html).padStart(9)} (limit ${LIMIT / 1024 / 1024} MB)`);
}
