// The google.script.run the preview injects into a built sidebar: every call is POSTed to the
// preview server, which runs it in the built Code.js on the emulated spreadsheet. Like Google's, the
// object is immutable-ish: withSuccessHandler / withFailureHandler return a new runner.
export const GOOGLE_SCRIPT_RUN_SHIM = `<script>
(function () {
  function runner(success, failure) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, failure); };
        if (name === 'withFailureHandler') return function (f) { return runner(success, f); };
        if (name === 'withUserObject') return function () { return runner(success, failure); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/run/' + encodeURIComponent(String(name)), {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: args })
          }).then(function (r) { return r.json(); }).then(function (b) {
            if (b.ok) { if (success) success(b.value); if (b.open) location.href = b.open; } else if (failure) { failure(new Error(b.error)); }
          }, function (e) { if (failure) failure(e); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();
</script>`;

/** Puts the shim first in <head>, before the sidebar's own script runs. */
export function withShim(html: string): string {
  const i = html.search(/<head[^>]*>/i);
  if (i < 0) return GOOGLE_SCRIPT_RUN_SHIM + html;
  const end = html.indexOf('>', i) + 1;
  return html.slice(0, end) + '\n' + GOOGLE_SCRIPT_RUN_SHIM + html.slice(end);
}
