/* global document, EventSource, Node */
// The console page's script: plain DOM, no framework. It calls the console API with the token of this start.
const token = document.querySelector('meta[name="console-token"]').content;
const maxRequests = 500;

async function call(path, body) {
  const response = await fetch(`/console/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-console-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${json.__type ?? response.status}: ${json.message}`);
  return json;
}

function cell(row, content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? '';
  row.append(td);
  return td;
}

function button(label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

// Teachers
const teachersStatus = document.getElementById('teachers-status');
const teachersBody = document.querySelector('#teachers-table tbody');

async function teacherAction(action, email, describe) {
  try {
    const result = await call(`/teachers/${action}`, { email });
    teachersStatus.textContent = describe(result);
  } catch (error) {
    teachersStatus.textContent = error.message;
  }
  await loadTeachers();
}

async function loadTeachers() {
  const { teachers } = await call('/teachers');
  teachersBody.replaceChildren(
    ...teachers.map((teacher) => {
      const row = document.createElement('tr');
      cell(row, teacher.email);
      cell(row, teacher.name);
      cell(row, teacher.status);
      cell(row, teacher.enabled ? 'yes' : 'no');
      cell(row, String(teacher.failedAttempts));
      cell(row, teacher.lockedUntil ? new Date(teacher.lockedUntil).toLocaleString() : 'not locked');
      const actions = cell(row, '');
      actions.append(
        button(`Reset password of ${teacher.email}`, () => teacherAction('reset', teacher.email, (r) => `New temporary password for ${r.email}: ${r.temporaryPassword}`)),
        ' ',
        teacher.enabled
          ? button(`Disable ${teacher.email}`, () => teacherAction('disable', teacher.email, () => `${teacher.email} is disabled.`))
          : button(`Enable ${teacher.email}`, () => teacherAction('enable', teacher.email, () => `${teacher.email} is enabled.`)),
        ' ',
        button(`Remove ${teacher.email}`, () => {
          if (document.defaultView.confirm(`Remove ${teacher.email}?`)) void teacherAction('remove', teacher.email, () => `${teacher.email} is removed.`);
        }),
      );
      return row;
    }),
  );
}

document.getElementById('add-teacher').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const values = Object.fromEntries(new FormData(form));
  try {
    const result = await call('/teachers/add', values);
    teachersStatus.textContent = `Added ${result.email}, temporary password: ${result.temporaryPassword}`;
    form.reset();
  } catch (error) {
    teachersStatus.textContent = error.message;
  }
  await loadTeachers();
});

// Data
const modelSelect = document.getElementById('model');
const filterInput = document.getElementById('filter');
const dataStatus = document.getElementById('data-status');
const itemsHead = document.querySelector('#items-table thead');
const itemsBody = document.querySelector('#items-table tbody');
const itemsCaption = document.getElementById('items-caption');
const moreItems = document.getElementById('more-items');
const editDialog = document.getElementById('edit-dialog');
const editJson = document.getElementById('edit-json');
const editError = document.getElementById('edit-error');
let models = [];
let next;
let editing;

function currentModel() {
  return models.find((model) => model.name === modelSelect.value);
}

function shown(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function itemRow(model, item) {
  const row = document.createElement('tr');
  for (const field of model.fields) cell(row, shown(item[field.name]));
  const key = model.keyFields.map((field) => item[field]);
  const label = key.map(shown).join(' / ');
  const actions = cell(row, '');
  actions.append(
    button(`Edit ${model.name} ${label}`, () => {
      editing = { model: model.name, key };
      editJson.value = JSON.stringify(item, null, 2);
      editError.textContent = '';
      editDialog.showModal();
    }),
    ' ',
    button(`Delete ${model.name} ${label}`, async () => {
      if (!document.defaultView.confirm(`Delete ${model.name} ${label}?`)) return;
      try {
        await call('/items/delete', { model: model.name, key });
        dataStatus.textContent = `Deleted ${model.name} ${label}.`;
      } catch (error) {
        dataStatus.textContent = error.message;
      }
      await loadItems(false);
    }),
  );
  return row;
}

async function loadItems(append) {
  const model = currentModel();
  if (!model) return;
  const query = new URLSearchParams({ model: model.name, filter: filterInput.value, limit: '50' });
  if (append && next) query.set('after', next);
  const page = await call(`/items?${query}`);
  if (!append) {
    const header = document.createElement('tr');
    for (const name of [...model.fields.map((field) => field.name), 'Actions']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      header.append(th);
    }
    itemsHead.replaceChildren(header);
    itemsBody.replaceChildren();
  }
  itemsBody.append(...page.items.map((item) => itemRow(model, item)));
  itemsCaption.textContent = `${model.name} items (key: ${model.keyFields.join(', ')})`;
  next = page.next;
  moreItems.hidden = next === undefined;
}

async function loadModels() {
  ({ models } = await call('/models'));
  modelSelect.replaceChildren(
    ...models.map((model) => {
      const option = document.createElement('option');
      option.value = model.name;
      option.textContent = model.name;
      return option;
    }),
  );
  await loadItems(false);
}

modelSelect.addEventListener('change', () => void loadItems(false));
filterInput.addEventListener('input', () => void loadItems(false));
document.getElementById('refresh-items').addEventListener('click', () => void loadItems(false));
moreItems.addEventListener('click', () => void loadItems(true));
document.getElementById('edit-cancel').addEventListener('click', () => editDialog.close());
document.getElementById('edit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let item;
  try {
    item = JSON.parse(editJson.value);
  } catch {
    editError.textContent = 'The item is not valid JSON.';
    return;
  }
  try {
    await call('/items/update', { ...editing, item });
    editDialog.close();
    dataStatus.textContent = `Saved ${editing.model} ${editing.key.map(shown).join(' / ')}.`;
    await loadItems(false);
  } catch (error) {
    editError.textContent = error.message;
  }
});

// Requests
const requestsBody = document.querySelector('#requests-table tbody');
const realtimeStats = document.getElementById('realtime-stats');
const events = new EventSource(`/console/api/events?token=${encodeURIComponent(token)}`);
events.addEventListener('request', (event) => {
  const entry = JSON.parse(event.data);
  const row = document.createElement('tr');
  cell(row, new Date(entry.at).toLocaleTimeString());
  cell(row, entry.service);
  cell(row, entry.operation);
  cell(row, entry.caller);
  const decision = cell(row, entry.decision);
  decision.className = entry.decision === 'allowed' ? 'decision-allowed' : entry.decision === 'filtered' || entry.decision === 'Unauthorized' ? `decision-${entry.decision}` : 'decision-error';
  cell(row, entry.rule ?? '');
  cell(row, String(entry.latencyMs));
  requestsBody.prepend(row);
  while (requestsBody.rows.length > maxRequests) requestsBody.lastElementChild.remove();
});
events.addEventListener('stats', (event) => {
  const stats = JSON.parse(event.data);
  realtimeStats.textContent = `Open connections: ${stats.connections}, subscriptions: ${stats.subscriptions}`;
});

void loadTeachers();
void loadModels();
