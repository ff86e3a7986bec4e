/**
 * Real-time benchmark: N guest connections with one subscription each (N = 1, 100, 1000, 10,000),
 * mutations by a signed-in user over HTTP, latency from sending the mutation to each `data`
 * message (the mutation's own time included), messages lost, and the backend's memory per
 * connection; then the same clients against a bare `ws` server broadcasting the same frames
 * (bench/ws-floor.ts), and the ratio of the backend's latency to that floor.
 *
 * Every connection is signed (SigV4) with the credentials of one guest identity: minting
 * 10,000 identities would hit the identity pool's GetId quota. The backend and the floor run
 * in child processes (bench/child-backend.ts), so their memory is their own; each reports
 * process.memoryUsage() after a forced GC when asked over IPC. This process holds N client
 * sockets, so it needs `ulimit -n` above N. Run with `pnpm bench:realtime`.
 */
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { openUserPoolAdmin } from '../src/index';
import { defaultRepoRoot } from '../src/shared/paths';
import {
  guestCredentials,
  headerSubprotocol,
  realtimeAuthorization,
  signInUser,
  startMessage,
  type AwsCredentials,
} from '../src/testing';
import { percentile, printTable, startChildBackend, type Memory } from './child-backend';
import { startWsFloor } from './ws-floor';

/** Connections (one subscription each) and the measured mutations for each. */
const rounds = [
  { n: 1, mutations: 200 },
  { n: 100, mutations: 50 },
  { n: 1000, mutations: 20 },
  { n: 10_000, mutations: 10 },
];
const warmupMutations = 5;
const deliveryTimeoutMs = 5000;
const startTimeoutMs = 30_000;
const connectBatch = 50;
const subscription = 'subscription ($filter: ModelSubscriptionResultFilterInput) { onCreateResult(filter: $filter) { id examId student grade owner createdAt updatedAt __typename } }';
const createExam = 'mutation ($input: CreateExamInput!) { createExam(input: $input) { id } }';
const createResult = 'mutation ($input: CreateResultInput!) { createResult(input: $input) { id examId student grade owner createdAt updatedAt __typename } }';

/** One guest connection with one subscription, recording when each event arrives. */
class Subscriber {
  private constructor(
    private readonly socket: WebSocket,
    private readonly onData: (id: string, at: number) => void,
  ) {}

  static async open(t: Bench, onData: (id: string, at: number) => void): Promise<Subscriber> {
    const connectHeaders = await realtimeAuthorization(t.guest, `${t.dataUrl}/connect`, '{}', { region: t.region });
    const data = JSON.stringify({ query: subscription, variables: {} });
    const startAuthorization = await realtimeAuthorization(t.guest, t.dataUrl, data, { region: t.region });
    const socket = new WebSocket(t.realtimeUrl, ['graphql-ws', headerSubprotocol(connectHeaders)]);
    await once(socket, 'open');
    const subscriber = new Subscriber(socket, onData);
    const acknowledged = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start_ack within ${startTimeoutMs} ms`)), startTimeoutMs);
      socket.on('message', (raw) => {
        const at = performance.now();
        const message = JSON.parse(String(raw)) as { type: string; payload?: { data?: { onCreateResult?: { id: string } } } };
        if (message.type === 'connection_ack') {
          socket.send(startMessage('results', data, startAuthorization));
        } else if (message.type === 'start_ack') {
          clearTimeout(timer);
          resolve();
        } else if (message.type === 'data') {
          const id = message.payload?.data?.onCreateResult?.id;
          if (id) subscriber.onData(id, at);
        } else if (message.type !== 'ka') {
          reject(new Error(`unexpected message ${String(raw)}`));
        }
      });
    });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await acknowledged;
    return subscriber;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = once(this.socket, 'close');
    this.socket.close();
    await closed;
  }
}

interface Bench {
  guest: AwsCredentials;
  region: string;
  dataUrl: string;
  realtimeUrl: string;
  writerToken: string;
  memory(): Promise<Memory>;
}

interface Row {
  n: number;
  mutations: number;
  lost: number;
  latencies: number[];
  mutationMs: number[];
  rssPerConnection: number;
  heapPerConnection: number;
  setupMs: number;
}

/** A GraphQL request of the writer's; its data, or an error naming what AppSync answered. */
async function write<T>(t: Bench, query: string, input: Record<string, unknown>): Promise<T> {
  const response = await fetch(t.dataUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: t.writerToken },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`mutation failed: ${JSON.stringify(body)}`);
  return body.data;
}

async function measure(t: Bench, { n, mutations }: { n: number; mutations: number }): Promise<Row> {
  // Results go under an exam of their writer's, as the API requires.
  const { createExam: exam } = await write<{ createExam: { id: string } }>(t, createExam, { subject: `Bench ${n}`, date: '2026-06-30', teacher: 'Bench' });
  const arrivals = new Map<string, number[]>();
  const waiters = new Map<string, () => void>();
  const onData = (id: string, at: number) => {
    const times = arrivals.get(id) ?? [];
    times.push(at);
    arrivals.set(id, times);
    if (times.length === n) waiters.get(id)?.();
  };

  const before = await t.memory();
  const setupStart = performance.now();
  const subscribers: Subscriber[] = [];
  for (let opened = 0; opened < n; opened += connectBatch) {
    const batch = Math.min(connectBatch, n - opened);
    subscribers.push(...(await Promise.all(Array.from({ length: batch }, () => Subscriber.open(t, onData)))));
  }
  const setupMs = performance.now() - setupStart;
  const loaded = await t.memory();

  const latencies: number[] = [];
  const mutationMs: number[] = [];
  let lost = 0;
  const total = warmupMutations + mutations;
  for (let index = 0; index < total; index += 1) {
    const sentAt = performance.now();
    const { createResult: { id } } = await write<{ createResult: { id: string } }>(t, createResult, { examId: exam.id, student: `Student ${index}`, grade: 'B' });
    const acknowledgedAt = performance.now();
    if ((arrivals.get(id)?.length ?? 0) < n) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deliveryTimeoutMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      waiters.delete(id);
    }
    const times = arrivals.get(id) ?? [];
    arrivals.delete(id);
    if (index < warmupMutations) continue;
    mutationMs.push(acknowledgedAt - sentAt);
    lost += n - times.length;
    for (const at of times) latencies.push(at - sentAt);
  }

  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  return {
    n,
    mutations,
    lost,
    latencies: latencies.sort((a, b) => a - b),
    mutationMs: mutationMs.sort((a, b) => a - b),
    rssPerConnection: (loaded.rss - before.rss) / n,
    heapPerConnection: (loaded.heapUsed - before.heapUsed) / n,
    setupMs,
  };
}

function printRows(rows: Row[]): void {
  const ms = (value: number) => value.toFixed(1);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const header = ['N', 'mutations', 'deliveries', 'lost', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mutation p50 ms', 'RSS/conn KB', 'heap/conn KB', 'connect s'];
  const lines = rows.map((row) => [
    String(row.n),
    String(row.mutations),
    String(row.latencies.length),
    String(row.lost),
    ms(percentile(row.latencies, 50)),
    ms(percentile(row.latencies, 95)),
    ms(percentile(row.latencies, 99)),
    ms(row.latencies.at(-1) ?? Number.NaN),
    ms(percentile(row.mutationMs, 50)),
    kb(row.rssPerConnection),
    kb(row.heapPerConnection),
    (row.setupMs / 1000).toFixed(2),
  ]);
  printTable(header, lines);
}

function printFloor(rows: Row[], floor: Row[]): void {
  const ms = (value: number) => value.toFixed(1);
  const ratio = (backend: number, bare: number) => (backend / bare).toFixed(1);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const lines = rows.map((row, index) => {
    const bare = floor[index] as Row;
    const p = (sorted: number[], at: number) => percentile(sorted, at);
    return [
      String(row.n),
      String(bare.lost),
      ms(p(bare.latencies, 50)),
      ms(p(bare.latencies, 99)),
      ratio(p(row.latencies, 50), p(bare.latencies, 50)),
      ratio(p(row.latencies, 99), p(bare.latencies, 99)),
      kb(bare.rssPerConnection),
      kb(bare.heapPerConnection),
    ];
  });
  printTable(['N', 'floor lost', 'floor p50 ms', 'floor p99 ms', 'backend/floor p50', 'backend/floor p99', 'floor RSS/conn KB', 'floor heap/conn KB'], lines);
}

async function main(): Promise<void> {
  const backend = await startChildBackend();
  const floor = await startWsFloor();
  try {
    const { dataDir, outputs } = backend;
    const admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
    const writer = await signInUser({ admin, outputs }, 'bench@school.example');
    admin.close();
    const bench: Bench = {
      guest: await guestCredentials(outputs),
      region: outputs.data.aws_region,
      dataUrl: outputs.data.url,
      realtimeUrl: `${outputs.data.url.replace(/^http/, 'ws')}/realtime`,
      writerToken: await writer.accessToken(),
      memory: () => backend.memory(),
    };
    const bare: Bench = { ...bench, dataUrl: floor.dataUrl, realtimeUrl: floor.realtimeUrl, memory: () => floor.memory() };
    // A first round warms up each server (lazily built caches, JIT) and is not reported.
    await measure(bench, { n: 1, mutations: 20 });
    await measure(bare, { n: 1, mutations: 20 });
    const rows: Row[] = [];
    const floorRows: Row[] = [];
    for (const round of rounds) {
      rows.push(await measure(bench, round));
      floorRows.push(await measure(bare, round));
      console.error(`N=${round.n} done`);
    }
    console.log(`\nReal-time latency, mutation sent → data message (${process.platform}, ${process.version}, backend in a child process)`);
    console.log('Every connection is signed with the credentials of one guest identity (10,000 identities would hit the GetId quota).');
    printRows(rows);
    console.log('\nThe same clients against a bare ws server broadcasting the same frames (bench/ws-floor.ts), and the backend\'s latency over it:');
    printFloor(rows, floorRows);
    console.log('\nMemory per connection: the server process\'s RSS and V8 heapUsed after a forced GC, with N connections open and subscribed,');
    console.log('minus before opening them, divided by N (at N = 1 this is within GC noise). Latency is taken when this process,');
    console.log('which also runs all N clients, handles each message.');
  } finally {
    await Promise.all([backend.stop(), floor.stop()]);
  }
}

await main();
