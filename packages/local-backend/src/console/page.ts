import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const script = transformSync(readFileSync(new URL('./page-script.ts', import.meta.url), 'utf8'), { loader: 'ts', target: 'es2022' }).code;

const style = `
body { font: 15px/1.4 system-ui, sans-serif; margin: 0 1.5rem 3rem; color: #1b1b1b; background: #fff; }
header { display: flex; gap: 2rem; align-items: baseline; flex-wrap: wrap; }
nav a { margin-right: 1rem; }
section { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin-top: .75rem; }
th, td { border-bottom: 1px solid #c8c8c8; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td code, td pre { font-size: 13px; white-space: pre-wrap; word-break: break-word; margin: 0; }
form, .controls { display: flex; gap: .75rem; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; font-weight: 600; }
input, select, button, textarea { font: inherit; }
button { cursor: pointer; }
.decision-Unauthorized, .decision-error { color: #a40000; font-weight: 600; }
.decision-filtered { color: #6b4400; font-weight: 600; }
dialog textarea { width: min(80vw, 60rem); height: 50vh; font-family: ui-monospace, monospace; }
:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
`;

/** The console's single page: semantic HTML, its style and script inline (nothing from the network), the token of this start in a meta tag. */
export function createConsolePage(token: string): { html: string; contentSecurityPolicy: string } {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="console-token" content="${token}">
<title>Local backend console</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
<header>
<h1>Local backend console</h1>
<nav aria-label="Sections"><a href="#teachers">Teachers</a><a href="#data">Data</a><a href="#requests">Requests</a></nav>
</header>
<main>
<section id="teachers" aria-labelledby="teachers-heading">
<h2 id="teachers-heading">Teachers</h2>
<form id="add-teacher">
<label>Email <input name="email" type="email" required autocomplete="off"></label>
<label>Name <input name="name" autocomplete="off"></label>
<label>Temporary password (optional) <input name="password" autocomplete="off"></label>
<button type="submit">Add teacher</button>
</form>
<p id="teachers-status" role="status"></p>
<table id="teachers-table">
<caption>Teachers in the user pool</caption>
<thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Enabled</th><th scope="col">Failed attempts</th><th scope="col">Locked until</th><th scope="col">Actions</th></tr></thead>
<tbody></tbody>
</table>
</section>
<section id="data" aria-labelledby="data-heading">
<h2 id="data-heading">Data</h2>
<div class="controls">
<label>Model <select id="model"></select></label>
<label>Filter <input id="filter" type="search" autocomplete="off"></label>
<button type="button" id="refresh-items">Refresh</button>
</div>
<p id="data-status" role="status"></p>
<table id="items-table"><caption id="items-caption">Items</caption><thead></thead><tbody></tbody></table>
<button type="button" id="more-items" hidden>More items</button>
<dialog id="edit-dialog" aria-labelledby="edit-heading">
<form method="dialog" id="edit-form">
<h3 id="edit-heading">Edit item</h3>
<label>Item (JSON) <textarea id="edit-json" spellcheck="false"></textarea></label>
<p id="edit-error" role="alert"></p>
<button type="submit" value="save">Save</button>
<button type="button" id="edit-cancel">Cancel</button>
</form>
</dialog>
</section>
<section id="requests" aria-labelledby="requests-heading">
<h2 id="requests-heading">Requests</h2>
<p id="realtime-stats">Open connections: 0, subscriptions: 0</p>
<table id="requests-table">
<caption>The last 500 requests, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Service</th><th scope="col">Operation</th><th scope="col">Caller</th><th scope="col">Decision</th><th scope="col">Rule</th><th scope="col">Latency (ms)</th></tr></thead>
<tbody></tbody>
</table>
</section>
</main>
<script nonce="${nonce}">${script}</script>
</body>
</html>
`;
  const contentSecurityPolicy = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
  return { html, contentSecurityPolicy };
}
