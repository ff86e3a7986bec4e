// The console page's script: plain DOM, no framework. It calls the console API with the token of this start.
// page.ts serves it with its types stripped; tsconfig.console-page.json checks it against the DOM.
import type { ItemsPage, ModelSummary } from './data-browser';
import type { MonitorEntry } from './monitor-bus';
import type { TeacherRow } from './teachers';

function element<T extends Element>(selector: string, type: abstract new () => T): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`The console page has no ${selector}.`);
  return found;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const token = element('meta[name="console-token"]', HTMLMetaElement).content;
const maxRequests = 500;

async function call<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/console/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-console-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { __type?: string; message?: string };
  if (!response.ok) throw new Error(`${json.__type ?? response.status}: ${json.message}`);
  return json;
}

function cell(row: HTMLTableRowElement, content: Node | string | undefined): HTMLTableCellElement {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? '';
  row.append(td);
  return td;
}

function button(label: string, onClick: () => unknown): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

// Teachers
const teachersStatus = element('#teachers-status', HTMLParagraphElement);
const teachersBody = element('#teachers-table tbody', HTMLTableSectionElement);

interface TemporaryPassword {
  email: string;
  temporaryPassword: string;
}

async function teacherAction(action: string, email: string, describe: (result: TemporaryPassword) => string) {
  try {
    const result = await call<TemporaryPassword>(`/teachers/${action}`, { email });
    teachersStatus.textContent = describe(result);
  } catch (error) {
    teachersStatus.textContent = message(error);
  }
  await loadTeachers();
}

async function loadTeachers() {
  const { teachers } = await call<{ teachers: TeacherRow[] }>('/teachers');
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
          if (window.confirm(`Remove ${teacher.email}?`)) void teacherAction('remove', teacher.email, () => `${teacher.email} is removed.`);
        }),
      );
      return row;
    }),
  );
}

const addTeacher = element('#add-teacher', HTMLFormElement);
addTeacher.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = Object.fromEntries(new FormData(addTeacher));
  try {
    const result = await call<TemporaryPassword>('/teachers/add', values);
    teachersStatus.textContent = `Added ${result.email}, temporary password: ${result.temporaryPassword}`;
    addTeacher.reset();
  } catch (error) {
    teachersStatus.textContent = message(error);
  }
  await loadTeachers();
});

// Data
const modelSelect = element('#model', HTMLSelectElement);
const filterInput = element('#filter', HTMLInputElement);
const dataStatus = element('#data-status', HTMLParagraphElement);
const itemsHead = element('#items-table thead', HTMLTableSectionElement);
const itemsBody = element('#items-table tbody', HTMLTableSectionElement);
const itemsCaption = element('#items-caption', HTMLTableCaptionElement);
const moreItems = element('#more-items', HTMLButtonElement);
const editDialog = element('#edit-dialog', HTMLDialogElement);
const editJson = element('#edit-json', HTMLTextAreaElement);
const editError = element('#edit-error', HTMLParagraphElement);
type Item = ItemsPage['items'][number];
let models: ModelSummary[] = [];
let next: string | undefined;
let editing: { model: string; key: unknown[] } | undefined;

function currentModel() {
  return models.find((model) => model.name === modelSelect.value);
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function itemRow(model: ModelSummary, item: Item): HTMLTableRowElement {
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
      if (!window.confirm(`Delete ${model.name} ${label}?`)) return;
      try {
        await call('/items/delete', { model: model.name, key });
        dataStatus.textContent = `Deleted ${model.name} ${label}.`;
      } catch (error) {
        dataStatus.textContent = message(error);
      }
      await loadItems(false);
    }),
  );
  return row;
}

// Each change of model or filter reads again; an answer to an earlier read that arrives late is not shown.
let itemsReads = 0;

async function loadItems(append: boolean): Promise<void> {
  const model = currentModel();
  if (!model) return;
  const query = new URLSearchParams({ model: model.name, filter: filterInput.value, limit: '50' });
  if (append && next) query.set('after', next);
  const read = ++itemsReads;
  const page = await call<ItemsPage>(`/items?${query}`);
  if (read !== itemsReads) return;
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
  ({ models } = await call<{ models: ModelSummary[] }>('/models'));
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
element('#refresh-items', HTMLButtonElement).addEventListener('click', () => void loadItems(false));
moreItems.addEventListener('click', () => void loadItems(true));
element('#edit-cancel', HTMLButtonElement).addEventListener('click', () => editDialog.close());
element('#edit-form', HTMLFormElement).addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editing) return;
  const target = editing;
  let item: unknown;
  try {
    item = JSON.parse(editJson.value);
  } catch {
    editError.textContent = 'The item is not valid JSON.';
    return;
  }
  try {
    await call('/items/update', { ...target, item });
    editDialog.close();
    dataStatus.textContent = `Saved ${target.model} ${target.key.map(shown).join(' / ')}.`;
    await loadItems(false);
  } catch (error) {
    editError.textContent = message(error);
  }
});

// Requests
const requestsBody = element('#requests-table tbody', HTMLTableSectionElement);
const realtimeStats = element('#realtime-stats', HTMLParagraphElement);
const events = new EventSource(`/console/api/events?token=${encodeURIComponent(token)}`);
events.addEventListener('request', (event) => {
  const entry = JSON.parse(event.data as string) as MonitorEntry;
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
  while (requestsBody.rows.length > maxRequests) requestsBody.lastElementChild?.remove();
});
events.addEventListener('stats', (event) => {
  const stats = JSON.parse(event.data as string) as { connections: number; subscriptions: number };
  realtimeStats.textContent = `Open connections: ${stats.connections}, subscriptions: ${stats.subscriptions}`;
});

void loadTeachers();
void loadModels();
