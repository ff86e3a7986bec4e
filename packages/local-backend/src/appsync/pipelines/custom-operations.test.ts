import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  guestCredentials,
  openGuestSocket,
  postGraphql,
  signedGraphqlHeaders,
  signInUser,
  startTempBackend,
  type SignedInUser,
  type TempBackend,
} from '../../testing';

// A Gen 2 backend the product does not have: a custom query and a two-function custom mutation
// on APPSYNC_JS resolvers (a.handler.custom), and a model with an unbounded text.
const notebook = fileURLToPath(new URL('../../../test-fixtures/notebook', import.meta.url));

let t: TempBackend;
let writer: SignedInUser;
let token: string;

before(async () => {
  t = await startTempBackend({ repoRoot: notebook });
  writer = await signInUser(t, 'writer@school.example');
  token = await writer.accessToken();
});
after(async () => {
  await t?.stop();
});

async function asWriter(query: string, variables: Record<string, unknown> = {}) {
  return (await postGraphql(t.dataUrl, JSON.stringify({ query, variables }), { authorization: token })).body;
}

async function createNote(title: string, body = '') {
  const created = await asWriter('mutation ($input: CreateNoteInput!) { createNote(input: $input) { id title body likes } }', { input: { title, body } });
  const note = created.data?.['createNote'] as { id: string } | null;
  assert.ok(note, JSON.stringify(created.errors));
  return note;
}

test('a custom query runs its own resolver code from the assembly, against the model table', async () => {
  const first = await createNote('Tide tables');
  await createNote('Tidal power');
  await createNote('Wind');
  const found = await asWriter('query ($prefix: String!) { notesTitled(prefix: $prefix) { id title } }', { prefix: 'Tid' });
  assert.equal(found.errors, undefined);
  const titles = (found.data?.['notesTitled'] as { title: string }[]).map((note) => note.title).sort();
  assert.deepEqual(titles, ['Tidal power', 'Tide tables']);
  assert.ok((found.data?.['notesTitled'] as { id: string }[]).some((note) => note.id === first.id));
});

test('a custom mutation runs its pipeline: the stash and previous result carry over, util.error stops it, util.appendError keeps the value', async () => {
  const note = await createNote('Likes');
  const liked = await asWriter('mutation ($id: ID!) { likeNote(id: $id) { id likes } }', { id: note.id });
  assert.deepEqual(liked, { data: { likeNote: { id: note.id, likes: 1 } } });
  const again = await asWriter('mutation ($id: ID!) { likeNote(id: $id) { likes } }', { id: note.id });
  assert.deepEqual(again.data, { likeNote: { likes: 2 } });

  const missing = await asWriter('mutation { likeNote(id: "no-such-note") { likes } }');
  assert.deepEqual(missing.data, { likeNote: null });
  assert.deepEqual(
    missing.errors?.map(({ errorType, message, errorInfo, path }) => ({ errorType, message, errorInfo, path })),
    [{ errorType: 'NotFound', message: 'No note no-such-note', errorInfo: { id: 'no-such-note' }, path: ['likeNote'] }],
  );
});

test("a guest is refused custom operations the identity pool's policy does not list, though the schema admits IAM", async () => {
  const body = JSON.stringify({ query: 'query { notesTitled(prefix: "T") { id } }' });
  const guest = await guestCredentials(t.outputs);
  const refused = await postGraphql(t.dataUrl, body, await signedGraphqlHeaders(guest, t.dataUrl, body));
  assert.deepEqual(refused.body.data, { notesTitled: null });
  assert.deepEqual(refused.body.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'Not Authorized to access notesTitled on type Query' },
  ]);
  const list = JSON.stringify({ query: '{ listNotes { items { id } } }' });
  const allowed = await postGraphql(t.dataUrl, list, await signedGraphqlHeaders(guest, t.dataUrl, list));
  assert.equal(allowed.body.errors, undefined, 'the model read the policy does list');
});

test('a start above 240 kB is refused, and an event above 240 kB ends the subscription with an error', async () => {
  const { client, sendStart } = await openGuestSocket(t);
  const onCreateNote = 'subscription ($filter: ModelSubscriptionNoteFilterInput) { onCreateNote(filter: $filter) { id title body } }';
  const start = (id: string, variables: Record<string, unknown> = {}) => sendStart(id, onCreateNote, variables);
  const isType = (type: string, id: string) => (message: { type: string; id?: string }) => message.type === type && message.id === id;

  await start('huge-start', { filter: { title: { eq: 'x'.repeat(250 * 1024) } } });
  assert.match((await client.next(isType('error', 'huge-start'))).payload?.errors?.[0]?.message ?? '', /exceeds the limit of 245760 bytes/);

  await start('big-events');
  await client.next(isType('start_ack', 'big-events'));
  await createNote('Huge', 'y'.repeat(250 * 1024));
  const tooLarge = await client.next(isType('error', 'big-events'));
  assert.equal(tooLarge.payload?.errors?.[0]?.errorType, 'PayloadTooLargeException');
  await createNote('Small');
  await assert.rejects(client.next(isType('data', 'big-events'), 300), /timed out waiting for a matching message/);
  await start('again');
  await client.next(isType('start_ack', 'again'));
  const next = await createNote('Next');
  const data = await client.next(isType('data', 'again'));
  assert.deepEqual(data.payload, { data: { onCreateNote: { id: next.id, title: 'Next', body: '' } } });
  client.close();
});
