/**
 * bench:release — results day at the moment of release: PAGES guest pages (appsync-guest clients,
 * the real protocol, each with its own identity and socket) wait on one scheduled exam of 30
 * results, as the student exam page waits: following the exam, reading nothing, then at the
 * release time plus a random spread of up to 1 s reading the results and subscribing. Prints how
 * long after the release time the pages had all 30 rows, what the backend read and how many
 * identity-pool calls and errors there were; asserts nothing. `pnpm bench:release` (PAGES=2000).
 */
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { createGuestClient, memoryStorage, type WebSocketConstructor } from '@exam-results/appsync-guest';
import { isReleased, watchGuestExam, watchGuestResults, type Exam, type LiveList } from '@exam-results/live-data/guest';
import { WebSocket } from 'ws';
import { countsBetween } from './backend-counters';
import { startReleaseBackend } from './release-backend-link';

const PAGES = Number(process.env.PAGES ?? 2000);
// What the student page waits after the release time at most (apps/student/src/lib/use-release.ts).
const RELEASE_SPREAD_MS = 1000;
// Pages open in this long before the release is scheduled, as students arrive over the morning.
const OPENING_BATCH = 100;

const backend = await startReleaseBackend();
const { examId, results: RESULTS } = backend;

interface Page {
  exam: LiveList<Exam>;
  results?: LiveList<unknown>;
  completeAt?: number;
  errors: string[];
}

const endpoints = guestEndpoints(backend.outputs);
let released: () => void = () => undefined;
const allComplete = new Promise<void>((resolve) => (released = resolve));
let releaseAtMs = Number.POSITIVE_INFINITY;
let complete = 0;

/** One student's page: the exam followed live; at its release time (plus the spread) the results read once and followed. */
function openPage(): Page {
  const client = createGuestClient({ ...endpoints, storage: memoryStorage(), WebSocket: WebSocket as unknown as WebSocketConstructor });
  const page: Page = { exam: watchGuestExam(client, examId), errors: [] };
  let timer: NodeJS.Timeout | undefined;
  page.exam.subscribe(() => {
    const { items, error } = page.exam.getState();
    if (error) page.errors.push(error);
    const current = items[0];
    if (!current?.releaseAt || page.results || timer) return;
    timer = setTimeout(() => startResults(client, page), Math.max(0, Date.parse(current.releaseAt) - Date.now()) + Math.random() * RELEASE_SPREAD_MS);
  });
  return page;
}

function startResults(client: ReturnType<typeof createGuestClient>, page: Page): void {
  const current = page.exam.getState().items[0];
  if (!current || !isReleased(current, Date.now())) return;
  page.results = watchGuestResults(client, examId, { listWhenLive: true });
  page.results.subscribe(() => {
    const { items, error } = page.results?.getState() ?? { items: [] };
    if (error) page.errors.push(error);
    if (page.completeAt === undefined && items.length === RESULTS) {
      page.completeAt = Date.now();
      complete++;
      if (complete === PAGES) released();
    }
  });
}

const pages: Page[] = [];
console.log(`opening ${PAGES} guest pages…`);
for (let n = 0; n < PAGES; n += OPENING_BATCH) {
  const batch = Array.from({ length: Math.min(OPENING_BATCH, PAGES - n) }, openPage);
  pages.push(...batch);
  await Promise.all(batch.map((page) => waitFor(() => page.exam.getState().status === 'live' || page.errors.length > 0)));
}
console.log('every page is live on the exam; scheduling the release in 5 s');

const before = await backend.counts();
releaseAtMs = Math.ceil((Date.now() + 5000) / 1000) * 1000;
await backend.schedule(new Date(releaseAtMs).toISOString());
const deadline = setTimeout(() => released(), releaseAtMs - Date.now() + 60_000);
await allComplete;
clearTimeout(deadline);
const after = await backend.counts();
const used = countsBetween(before.counts, after.counts);
const backendCpuMs = after.cpuMs - before.cpuMs;

const delays = pages.flatMap((page) => (page.completeAt === undefined ? [] : [page.completeAt - releaseAtMs])).sort((a, b) => a - b);
const at = (q: number) => (delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? Number.NaN).toFixed(0);
const errors = pages.flatMap((page) => page.errors);
console.log(`${delays.length} of ${PAGES} pages had all ${RESULTS} rows; after the release time: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
console.log(`from the schedule on: ${used.requests} GraphQL requests over HTTP, ${used.itemsRead} items read, ${used.identityPoolCalls} identity-pool calls`);
console.log(`backend CPU from the schedule on: ${(backendCpuMs / 1000).toFixed(1)} s, ${(backendCpuMs / PAGES).toFixed(2)} ms a page`);
console.log(`(opening the pages: ${before.counts.identityPoolCalls} identity-pool calls, ${before.counts.requests} requests)`);
console.log(`errors: ${errors.length}${errors.length > 0 ? ` (first: ${errors[0]})` : ''}`);

for (const page of pages) {
  page.results?.close();
  page.exam.close();
}
await backend.stop();
process.exit(0);

function waitFor(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 20));
    check();
  });
}
