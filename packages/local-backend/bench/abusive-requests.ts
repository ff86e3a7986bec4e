/**
 * A simple guest request's latency while abusive guest requests run, against none: the
 * self-nesting query of issue 11 (50 and 32 levels deep), its flood of 10,000 aliases, and 700
 * aliases that each cost 5 resolver invocations (past the resolver count, within the parser's bounds),
 * sent back to back by one client and by two, with the limits of amplify/backend.ts in force.
 * Also prints how long each abusive request took and what it was answered.
 *
 * The backend runs in a child process (bench/child-backend.ts). Every request is signed
 * once, before the clock starts (a SigV4 signature is good for five minutes), and abusive
 * answers are read but not parsed, so this process spends its time measuring.
 * Run with `pnpm bench:abuse`.
 */
import { performance } from 'node:perf_hooks';
import { guestCredentials, signedGraphqlHeaders, signInUser, type AwsCredentials } from '../src/testing';
import { openUserPoolAdmin } from '../src/index';
import { defaultRepoRoot } from '../src/shared/paths';
import { percentile, printTable, startChildBackend, type LoopDelay } from './child-backend';

const simpleRequests = 300;
/** Rounds of abuse: how many clients send the abusive requests back to back, each. */
const abusiveClientCounts = [1, 2];

interface Signed {
  body: string;
  headers: Record<string, string>;
}

async function sign(credentials: AwsCredentials, url: string, query: string): Promise<Signed> {
  const body = JSON.stringify({ query });
  return { body, headers: { 'content-type': 'application/json', ...(await signedGraphqlHeaders(credentials, url, body)) } };
}

function selfNesting(examId: string, levels: number): string {
  let nested = 'id';
  for (let level = 0; level < levels; level += 1) nested = `exam { results { items { ${nested} } } }`;
  return `{ getExam(id: "${examId}") { results { items { ${nested} } } } }`;
}

function aliasFlood(examId: string, aliases: number, selection: string): string {
  return `{ ${Array.from({ length: aliases }, (_, index) => `a${index}: getExam(id: "${examId}") ${selection}`).join(' ')} }`;
}

async function post(url: string, request: Signed): Promise<{ ms: number; status: number; bytes: number; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: text.length, text };
}

/** What an abusive request was answered: the error types and how many of each. */
function answered(text: string): string {
  const counts = new Map<string, number>();
  for (const [, type] of text.matchAll(/"errorType":"(\w+)"/g)) counts.set(type ?? '', (counts.get(type ?? '') ?? 0) + 1);
  return [...counts].map(([type, count]) => `${count} × ${type}`).join(', ') || 'no errors';
}

async function simpleLatencies(url: string, simple: Signed): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < simpleRequests; index += 1) {
    const { ms, status } = await post(url, simple);
    if (status !== 200) throw new Error(`the simple request failed with ${status}`);
    latencies.push(ms);
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const backend = await startChildBackend();
  try {
    const { outputs } = backend;
    const url = outputs.data.url;
    const admin = await openUserPoolAdmin({ dataDir: backend.dataDir, repoRoot: defaultRepoRoot });
    const teacher = await signInUser({ admin, outputs }, 'bench@school.example');
    admin.close();
    const { data } = await teacher.dataClient({ authMode: 'userPool' }).models.Exam.create({ subject: 'Bench', date: '2024-01-01', teacher: 'B' });
    if (!data) throw new Error('no exam');
    for (const student of ['A', 'B', 'C']) await teacher.dataClient({ authMode: 'userPool' }).models.Result.create({ examId: data.id, student, grade: 'A' });

    const guest = await guestCredentials(outputs);
    const simple = await sign(guest, url, `{ getExam(id: "${data.id}") { id subject date } }`);
    const abusive = {
      'nested 50 deep': await sign(guest, url, selfNesting(data.id, 50)),
      'nested 32 deep': await sign(guest, url, selfNesting(data.id, 32)),
      '10,000 aliases': await sign(guest, url, aliasFlood(data.id, 10_000, '{ id subject }')),
      '700 aliases × 5 resolvers': await sign(guest, url, aliasFlood(data.id, 700, '{ results { items { exam { id } } } }')),
    };

    const ms = (value: number) => value.toFixed(1);
    const row = (name: string, sorted: number[], loop: LoopDelay) => [
      name,
      String(sorted.length),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? Number.NaN),
      ms(loop.p99),
      ms(loop.max),
    ];
    await simpleLatencies(url, simple); // warm-up
    await backend.loopDelay();
    const quiet = await simpleLatencies(url, simple);
    const quietLoop = await backend.loopDelay();

    const simpleRows = [row('alone', quiet, quietLoop)];
    const abusiveRows: string[][] = [];
    for (const clientCount of abusiveClientCounts) {
      const durations = new Map<string, { ms: number[]; answer: string; status: number }>();
      let running = true;
      const clients = Array.from({ length: clientCount }, async () => {
        while (running) {
          for (const [name, request] of Object.entries(abusive)) {
            const { ms: took, status, text } = await post(url, request);
            const entry = durations.get(name) ?? { ms: [], answer: answered(text), status };
            entry.ms.push(took);
            durations.set(name, entry);
          }
        }
      });
      const loaded = await simpleLatencies(url, simple);
      const loadedLoop = await backend.loopDelay();
      running = false;
      await Promise.all(clients);
      simpleRows.push(row(`${clientCount} abusive client${clientCount > 1 ? 's' : ''}`, loaded, loadedLoop));
      for (const [name, { ms: times, answer, status }] of durations) {
        const sorted = [...times].sort((a, b) => a - b);
        abusiveRows.push([String(clientCount), name, String(status), String(sorted.length), ms(percentile(sorted, 50)), ms(sorted.at(-1) ?? Number.NaN), answer]);
      }
    }

    console.log(`\nA simple guest getExam, alone and while clients send abusive requests back to back (${process.platform}, ${process.version}, backend in a child process)`);
    printTable(['simple request', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'loop delay p99 ms', 'loop delay max ms'], simpleRows);
    console.log('\nThe abusive requests meanwhile (limits of amplify/backend.ts: depth 5, 2000 resolvers):');
    printTable(['clients', 'request', 'HTTP', 'sent', 'p50 ms', 'max ms', 'answered'], abusiveRows);
    console.log('\nLoop delay: how long the backend\'s event loop was held up (perf_hooks.monitorEventLoopDelay in the backend process).');
  } finally {
    await backend.stop();
  }
}

await main();
