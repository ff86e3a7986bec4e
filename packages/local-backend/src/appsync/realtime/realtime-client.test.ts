import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { generateClient } from 'aws-amplify/data';
import { Recording, recordSubscriptionAcks, signInUser, startTempBackend, waitFor, type SignedInUser, type TempBackend } from '../../testing';

let t: TempBackend;
let ada: SignedInUser;
let bob: SignedInUser;
/** The process's Amplify singleton stays a guest: identity pool credentials, no sign-in. */
const guest = generateClient<Schema>({ authMode: 'identityPool' });
const acknowledged = recordSubscriptionAcks();
/** How long an event may take to arrive. */
const deliveryMs = 5000;

before(async () => {
  t = await startTempBackend();
  // The unmodified aws-amplify client in Node, configured as the apps configure it (wss:// rewritten to ws://).
  configureAmplify(t.outputs);
  ada = await signInUser(t, 'ada@school.example');
  bob = await signInUser(t, 'bob@school.example');
});
after(async () => {
  await t?.stop();
});

/** Waits until the server has acknowledged one start per entry of `fields` since the last call. */
async function acknowledgedAll(...fields: string[]): Promise<void> {
  const count = (list: string[], field: string) => list.filter((entry) => entry === field).length;
  await waitFor(acknowledged, (list) => fields.every((field) => count(list, field) >= count(fields, field)), `start_ack for ${fields.join(', ')}`, 20000);
  acknowledged.items.splice(0);
}

/** What a subscription has delivered so far, to wait on. */
type Collected<T> = Recording<T> & {
  errors: unknown[];
  stop(): void;
};

type ResultItem = Pick<Schema['Result']['type'], 'id' | 'student' | 'grade' | 'examId'>;

interface Subscribable<T> {
  subscribe(observer: { next: (value: T) => void; error: (error: unknown) => void }): { unsubscribe(): void };
}

function collect<T>(observable: Subscribable<T>): Collected<T> {
  const received = new Recording<T>();
  const errors: unknown[] = [];
  const subscription = observable.subscribe({ next: (value) => received.push(value), error: (error) => errors.push(error) });
  return Object.assign(received, { errors, stop: () => subscription.unsubscribe() });
}

// A result goes only under an exam its teacher owns, so each teacher gets exams of their own, by label.
const exams = new Map<string, string>();
async function examOf(teacher: SignedInUser, label: string): Promise<string> {
  const key = `${teacher.email}:${label}`;
  let id = exams.get(key);
  if (!id) {
    const { data, errors } = await teacher.client.models.Exam.create({ subject: label, date: '2026-06-30', teacher: teacher.email });
    assert.equal(errors, undefined);
    id = data?.id ?? '';
    exams.set(key, id);
  }
  return id;
}

async function create(teacher: SignedInUser, exam: string, student: string, grade = 'B') {
  const { data, errors } = await teacher.client.models.Result.create({ examId: await examOf(teacher, exam), student, grade });
  assert.equal(errors, undefined);
  assert.ok(data);
  return data;
}

test("a guest's subscriptions to an exam receive its creates, updates and deletes, with the fields they asked for", async () => {
  // A guest follows one exam at a time (amplify/data/resolvers/subscription-release.ts).
  const filter = { examId: { eq: await examOf(ada, 'exam-1') } };
  const created = collect<ResultItem>(guest.models.Result.onCreate({ filter }));
  const updated = collect<Pick<ResultItem, 'id' | 'grade'>>(guest.models.Result.onUpdate({ filter, selectionSet: ['id', 'grade'] }));
  const deleted = collect<ResultItem>(guest.models.Result.onDelete({ filter }));
  await acknowledgedAll('onCreateResult', 'onUpdateResult', 'onDeleteResult');

  const first = await create(ada, 'exam-1', 'Ada Lovelace', 'B');
  await create(bob, 'exam-1', 'Not in this exam', 'C');
  const second = await create(ada, 'exam-1', 'Alan Turing', 'C');
  await waitFor(created, (items) => items.length === 2, 'two creates', deliveryMs);
  assert.deepEqual(
    created.items.map(({ id, student, grade, examId }) => ({ id, student, grade, examId })),
    [
      { id: first.id, student: 'Ada Lovelace', grade: 'B', examId: await examOf(ada, 'exam-1') },
      { id: second.id, student: 'Alan Turing', grade: 'C', examId: await examOf(ada, 'exam-1') },
    ],
  );

  const changed = await ada.client.models.Result.update({ id: first.id, grade: 'A' });
  assert.equal(changed.errors, undefined);
  await waitFor(updated, (items) => items.length === 1, 'the update', deliveryMs);
  assert.deepEqual({ ...updated.items[0] }, { id: first.id, grade: 'A' });

  const removed = await ada.client.models.Result.delete({ id: second.id });
  assert.equal(removed.errors, undefined);
  await waitFor(deleted, (items) => items.length === 1, 'the delete', deliveryMs);
  assert.equal(deleted.items[0]?.id, second.id);
  assert.equal(deleted.items[0]?.student, 'Alan Turing');

  assert.deepEqual([created.errors, updated.errors, deleted.errors], [[], [], []]);
  for (const collected of [created, updated, deleted]) collected.stop();
});

test('a filtered subscription receives only the matching events', async () => {
  const oneExam = collect<ResultItem>(guest.models.Result.onCreate({ filter: { examId: { eq: await examOf(ada, 'exam-A') } } }));
  const goodGrades = collect<ResultItem>(
    guest.models.Result.onCreate({
      filter: { examId: { eq: await examOf(ada, 'exam-B') }, or: [{ grade: { eq: 'A' } }, { grade: { eq: 'B' } }], student: { beginsWith: 'G' } },
    }),
  );
  await acknowledgedAll('onCreateResult', 'onCreateResult');

  await create(ada, 'exam-B', 'Grace Hopper', 'A');
  await create(ada, 'exam-B', 'Gia Long', 'C');
  await create(bob, 'exam-A', 'Gordon Moore', 'C');
  await create(ada, 'exam-A', 'Barbara Liskov', 'A');
  await create(ada, 'exam-B', 'Grete Hermann', 'B');
  // Delivery is ordered: once the last matching event is in, nothing else can still come.
  await waitFor(oneExam, (items) => items.some((item) => item.student === 'Barbara Liskov'), 'the exam-A results', deliveryMs);
  await waitFor(goodGrades, (items) => items.some((item) => item.student === 'Grete Hermann'), 'the good grades', deliveryMs);

  assert.deepEqual(oneExam.items.map((item) => item.student), ['Barbara Liskov'], "Bob's exam-A is another exam");
  assert.deepEqual(goodGrades.items.map((item) => item.student), ['Grace Hopper', 'Grete Hermann']);
  oneExam.stop();
  goodGrades.stop();
});

test("a teacher's subscription receives their own items' events, never another teacher's", async () => {
  const adaSees = collect<ResultItem>(ada.client.models.Result.onCreate());
  const bobSees = collect<ResultItem>(bob.client.models.Result.onCreate());
  await acknowledgedAll('onCreateResult', 'onCreateResult');

  await create(bob, 'exam-T', 'Bob 1');
  await create(ada, 'exam-T', 'Ada 1');
  await create(bob, 'exam-T', 'Bob 2');
  await create(ada, 'exam-T', 'Ada 2');
  await waitFor(adaSees, (items) => items.length >= 2, 'Ada’s two results', deliveryMs);
  await waitFor(bobSees, (items) => items.length >= 2, 'Bob’s two results', deliveryMs);
  // Ada's last event arrived after Bob's last one was published, so no event of Bob's can still reach her.
  assert.deepEqual(adaSees.items.map((item) => item.student), ['Ada 1', 'Ada 2']);
  assert.deepEqual(bobSees.items.map((item) => item.student), ['Bob 1', 'Bob 2']);
  adaSees.stop();
  bobSees.stop();
});

test('after a backend restart the client reconnects and observeQuery converges to the stored data', async () => {
  const filter = { examId: { eq: await examOf(ada, 'exam-R') } };
  const snapshots = collect<{ items: ResultItem[] }>(guest.models.Result.observeQuery({ filter }));
  await acknowledgedAll('onCreateResult', 'onUpdateResult', 'onDeleteResult');
  const first = await create(ada, 'exam-R', 'Ada Lovelace', 'C');
  const latest = () => snapshots.items.at(-1);
  await waitFor(snapshots, () => latest()?.items.some((item) => item.id === first.id) === true, 'the first result in the live list', deliveryMs);

  await t.restart();
  // The client notices the closed socket, waits about 5 s, reconnects and starts its subscriptions again.
  await acknowledgedAll('onCreateResult', 'onUpdateResult', 'onDeleteResult');

  const second = await create(ada, 'exam-R', 'Alan Turing', 'B');
  await ada.client.models.Result.update({ id: first.id, grade: 'A' });
  const third = await create(ada, 'exam-R', 'Grace Hopper', 'A');
  await ada.client.models.Result.delete({ id: second.id });

  const { data: stored } = await guest.models.Result.list({ filter });
  const summary = (items: readonly { id: string; grade: string }[]) =>
    items.map(({ id, grade }) => `${id}:${grade}`).sort();
  assert.deepEqual(summary(stored), summary([{ ...first, grade: 'A' }, third]));
  await waitFor(
    snapshots,
    () => JSON.stringify(summary(latest()?.items ?? [])) === JSON.stringify(summary(stored)),
    'the live list to match the stored data',
    deliveryMs,
  );
  assert.deepEqual(snapshots.errors, []);
  snapshots.stop();
});

test("a teacher's observeQuery lists and follows their own results only", async () => {
  // Both teachers' results match the filter; only Ada's may reach her.
  const filter = { student: { beginsWith: 'O-' } };
  const before = await create(bob, 'exam-O', 'O-Bob Before');
  const mine = await create(ada, 'exam-O', 'O-Ada Before');
  const snapshots = collect<{ items: ResultItem[] }>(ada.client.models.Result.observeQuery({ filter }));
  await acknowledgedAll('onCreateResult', 'onUpdateResult', 'onDeleteResult');

  const bobLive = await create(bob, 'exam-O', 'O-Bob Live');
  const adaLive = await create(ada, 'exam-O', 'O-Ada Live');
  await bob.client.models.Result.update({ id: before.id, grade: 'A' });
  await ada.client.models.Result.update({ id: mine.id, grade: 'A+' });

  const latest = () => snapshots.items.at(-1)?.items ?? [];
  const settled = () => latest().some((item) => item.id === adaLive.id) && latest().some((item) => item.id === mine.id && item.grade === 'A+');
  await waitFor(snapshots, settled, "Ada's live list to show her new and updated results", deliveryMs);
  const everSeen = new Set(snapshots.items.flatMap((snapshot) => snapshot.items.map((item) => item.id)));
  assert.equal(everSeen.has(before.id), false);
  assert.equal(everSeen.has(bobLive.id), false);
  assert.deepEqual(latest().map((item) => item.student).sort(), ['O-Ada Before', 'O-Ada Live']);
  assert.deepEqual(snapshots.errors, []);
  snapshots.stop();
});
