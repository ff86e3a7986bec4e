import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Recording, signInUser, startTempBackend, waitFor, type TempBackend } from '@exam-results/local-backend/testing';
import { WebSocket } from 'ws';
import { createGuestClient, memoryStorage, type ConnectionState, type GuestClient, type IdentityStorage, type RealtimeClient, type WebSocketConstructor } from './index';

type SignedIn = Awaited<ReturnType<typeof signInUser>>;

const RESULT_SELECTION = 'id examId student grade owner updatedAt';
const onCreateResult = `subscription ($filter: ModelSubscriptionResultFilterInput) { onCreateResult(filter: $filter) { ${RESULT_SELECTION} } }`;
const listExams = 'query { listExams { items { id subject owner } } }';

/** Every identity pool call the client makes, by operation (`GetId`, `GetCredentialsForIdentity`). */
class IdentityCalls {
  readonly operations: string[] = [];
  /** Answers these operations with Cognito's throttling error this many times before letting them through. */
  throttle = new Map<string, number>();

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const target = new Headers(init?.headers).get('x-amz-target');
    const operation = target?.split('.')[1];
    if (operation) {
      this.operations.push(operation);
      const left = this.throttle.get(operation) ?? 0;
      if (left > 0) {
        this.throttle.set(operation, left - 1);
        return new Response(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }), {
          status: 400,
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'TooManyRequestsException:' },
        });
      }
    }
    return globalThis.fetch(input, init);
  };

  count(operation: string): number {
    return this.operations.filter((name) => name === operation).length;
  }
}

/** `window` as far as the real-time client reads it: online/offline and visibility, moved by the test. */
class FakeWindow extends EventTarget {
  navigator = { onLine: true };
  document: { visibilityState: string } = { visibilityState: 'visible' };

  override addEventListener(type: string, listener: () => void): void {
    super.addEventListener(type, listener);
  }

  override removeEventListener(type: string, listener: () => void): void {
    super.removeEventListener(type, listener);
  }

  fire(type: string): void {
    this.dispatchEvent(new Event(type));
  }
}

/** The connection states a real-time client goes through, to wait on. */
function recordStates(realtime: RealtimeClient): Recording<ConnectionState> {
  const states = new Recording<ConnectionState>();
  realtime.onEvent((event) => {
    if (event.type === 'connection') states.push(event.state);
  });
  return states;
}

const waitForState = (realtime: RealtimeClient, states: Recording<ConnectionState>, wanted: ConnectionState, timeoutMs = 15_000) =>
  waitFor(states, () => realtime.state === wanted, `the real-time state ${wanted}`, timeoutMs, (seen) => seen.join(' → '));

describe('appsync-guest against the local backend', () => {
  let backend: TempBackend;
  let teacher: SignedIn;
  let examId: string;

  const guest = (options: { storage?: IdentityStorage; calls?: IdentityCalls; environment?: FakeWindow; retryDelaysMs?: number[] } = {}): GuestClient =>
    createGuestClient({
      url: backend.outputs.data.url,
      region: backend.outputs.data.aws_region,
      identityPoolId: backend.outputs.auth.identity_pool_id,
      identityPoolEndpoint: backend.outputs.custom.local_backend.identity_pool_endpoint,
      storage: options.storage ?? memoryStorage(),
      fetch: options.calls?.fetch,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      environment: options.environment,
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });

  /** Subscribes to the exam's new results; resolves once AppSync acknowledged the subscription. */
  async function followResults(client: GuestClient): Promise<{ received: Recording<unknown>; realtime: RealtimeClient; states: Recording<ConnectionState> }> {
    const realtime = client.realtime();
    const states = recordStates(realtime);
    const acks = new Recording<string>();
    realtime.onEvent((event) => {
      if (event.type === 'subscription-ack') acks.push(event.field);
    });
    const received = new Recording<unknown>();
    realtime.subscribe('onCreateResult', onCreateResult, { filter: { examId: { eq: examId } } }, { next: (data) => received.push(data), error: (error) => received.push(error) });
    await waitFor(acks, (fields) => fields.includes('onCreateResult'), 'the subscription acknowledged', 15_000);
    return { received, realtime, states };
  }

  /** Writes a result as the teacher and waits until `received` has it. */
  async function deliver(received: Recording<unknown>, student: string): Promise<void> {
    const { data, errors } = await teacher.client.models.Result.create({ examId, student, grade: '15/20' });
    assert.ok(data, `the teacher could not write: ${JSON.stringify(errors)}`);
    await waitFor(received, (items) => JSON.stringify(items).includes(`"student":"${student}"`), `the result of ${student} delivered`, 15_000);
  }

  before(async () => {
    backend = await startTempBackend({ prefix: 'appsync-guest-test-' });
    teacher = await signInUser(backend, 'guest.test.teacher@example.com');
    const { data } = await teacher.client.models.Exam.create({ subject: 'Chemistry', date: '2026-06-30', teacher: 'Ms Curie' });
    assert.ok(data);
    examId = data.id;
  });

  after(async () => {
    await backend.stop();
  });

  it('gets one identity and one set of credentials for 8 concurrent first calls, and none again on a reload with the same storage', async () => {
    const storage = memoryStorage();
    const calls = new IdentityCalls();
    const client = guest({ storage, calls });
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.graphql<{ listExams: { items: { subject: string }[] } }>(listExams)));
    for (const answer of answers) assert.deepEqual(answer.data?.listExams.items.map((exam) => exam.subject), ['Chemistry']);
    assert.deepEqual(calls.operations, ['GetId', 'GetCredentialsForIdentity']);

    const reloaded = guest({ storage, calls });
    const again = await reloaded.graphql<{ listExams: { items: { owner: string }[] } }>(listExams);
    assert.equal(again.data?.listExams.items[0]?.owner, teacher.sub);
    assert.deepEqual(calls.operations, ['GetId', 'GetCredentialsForIdentity'], 'a reload asked the identity pool again');
  });

  it('keeps the stored identity when its credentials are gone, and asks only for new credentials', async () => {
    const storage = memoryStorage();
    const calls = new IdentityCalls();
    await guest({ storage, calls }).credentials.get();
    storage.removeItem(`exam-results.guest-credentials.${backend.outputs.auth.identity_pool_id}`);
    await guest({ storage, calls }).credentials.get();
    assert.deepEqual(calls.operations, ['GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
  });

  it('retries a throttled GetId and GetCredentialsForIdentity with backoff, still one identity', async () => {
    const calls = new IdentityCalls();
    calls.throttle.set('GetId', 2).set('GetCredentialsForIdentity', 1);
    const answers = await Promise.all(Array.from({ length: 4 }, () => guest({ calls }).credentials.get().then(() => 'ok')));
    assert.deepEqual(answers, ['ok', 'ok', 'ok', 'ok']);

    const shared = new IdentityCalls();
    shared.throttle.set('GetId', 2).set('GetCredentialsForIdentity', 1);
    const client = guest({ calls: shared });
    await Promise.all(Array.from({ length: 8 }, () => client.credentials.get()));
    assert.deepEqual(shared.operations, ['GetId', 'GetId', 'GetId', 'GetCredentialsForIdentity', 'GetCredentialsForIdentity']);
  });

  it('does not retry an error that throttling did not cause', async () => {
    const client = createGuestClient({
      url: backend.outputs.data.url,
      region: backend.outputs.data.aws_region,
      identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
      identityPoolEndpoint: backend.outputs.custom.local_backend.identity_pool_endpoint,
    });
    await assert.rejects(client.credentials.get(), (error: Error) => error.name === 'ResourceNotFoundException');
  });

  it('delivers subscriptions signed with the guest credentials', async () => {
    const client = guest();
    const { received, realtime } = await followResults(client);
    await deliver(received, 'Marie');
    realtime.close();
  });

  it('is Connected again and delivering after the backend restarts', async () => {
    const client = guest();
    const { received, realtime, states } = await followResults(client);
    await backend.restart();
    await waitFor(states, (seen) => seen.includes('ConnectionDisrupted'), 'the socket lost', 15_000);
    await waitForState(realtime, states, 'Connected');
    await deliver(received, 'Pierre');
    realtime.close();
  });

  it('starts a subscription made as the connection comes back once, as the live lists do when they see it Connected', async () => {
    const client = guest();
    const { received, realtime, states } = await followResults(client);
    const late = new Recording<unknown>();
    const stop = realtime.onEvent((event) => {
      if (event.type !== 'connection' || event.state !== 'Connected') return;
      stop();
      realtime.subscribe('onCreateResult', onCreateResult, { filter: { examId: { eq: examId } } }, { next: (data) => late.push(data), error: (error) => late.push(error) });
    });
    await backend.restart();
    await waitForState(realtime, states, 'Connected');
    await deliver(late, 'Ève');
    assert.ok(!JSON.stringify(late.items).includes('DuplicatedOperationError'), JSON.stringify(late.items));
    await deliver(received, 'Hélène');
    realtime.close();
  });

  it('reconnects at once on reconnectNow instead of at the next retry', async () => {
    const client = guest({ retryDelaysMs: [10 * 60_000] });
    const { received, realtime, states } = await followResults(client);
    await backend.restart();
    await waitFor(states, (seen) => seen.includes('ConnectionDisrupted'), 'the socket lost', 15_000);
    assert.equal(realtime.state, 'ConnectionDisrupted');
    realtime.reconnectNow();
    await waitForState(realtime, states, 'Connected');
    await deliver(received, 'Irène');
    realtime.close();
  });

  it('waits for the network while offline and reconnects when the browser is online or visible again', async () => {
    const environment = new FakeWindow();
    const client = guest({ environment, retryDelaysMs: [10 * 60_000] });
    const { received, realtime, states } = await followResults(client);

    environment.navigator.onLine = false;
    environment.fire('offline');
    await waitForState(realtime, states, 'ConnectionDisruptedPendingNetwork');
    environment.navigator.onLine = true;
    environment.fire('online');
    await waitForState(realtime, states, 'Connected');
    await deliver(received, 'Ève');

    await backend.restart();
    await waitForState(realtime, states, 'ConnectionDisrupted');
    environment.document.visibilityState = 'hidden';
    environment.fire('visibilitychange');
    assert.equal(realtime.state, 'ConnectionDisrupted', 'a hidden page reconnected');
    environment.document.visibilityState = 'visible';
    environment.fire('visibilitychange');
    await waitForState(realtime, states, 'Connected');
    await deliver(received, 'Hélène');
    realtime.close();
  });
});
