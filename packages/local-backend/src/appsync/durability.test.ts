import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signInUser, startTempBackend, type SignedInUser } from '../testing';

async function allExamIds(client: SignedInUser['client']): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextToken: string | null | undefined;
  do {
    const page = await client.models.Exam.list({ limit: 500, nextToken });
    assert.equal(page.errors, undefined);
    for (const exam of page.data) ids.add(exam.id);
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

test('data survives a restart of the backend', async () => {
  const t = await startTempBackend();
  try {
    const { client } = await signInUser(t, 'ada@school.example');
    const exam = await client.models.Exam.create({ subject: 'Kept', date: '2024-05-01', teacher: 'Ada' });
    await client.models.Result.create({ examId: exam.data?.id ?? '', student: 'Lin', grade: 'A' });

    // Same port: the tokens the client holds name the issuer by its URL.
    await t.restart();
    const again = await client.models.Exam.get({ id: exam.data?.id ?? '' }, { selectionSet: ['subject', 'results.student'] });
    assert.equal(again.data?.subject, 'Kept');
    assert.deepEqual(
      again.data?.results.map((result) => result.student),
      ['Lin'],
    );
  } finally {
    await t.stop();
  }
});

test('kill -9 in the middle of a burst of writes loses no acknowledged write', async () => {
  const t = await startTempBackend({ childProcess: true });
  try {
    const { client } = await signInUser(t, 'ada@school.example');
    const acknowledged: string[] = [];
    let failed = 0;
    let killed: ReturnType<typeof t.kill> | undefined;
    const writer = async (lane: number) => {
      for (let i = 0; i < 200 && failed === 0; i++) {
        const id = `burst-${lane}-${i}`;
        const result = await client.models.Exam.create({ id, subject: 'Burst', date: '2024-05-02', teacher: 'Ada' });
        if (result.data?.id === id) acknowledged.push(id);
        else failed++;
        if (acknowledged.length >= 60) killed ??= t.kill();
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, lane) => writer(lane)));
    assert.ok(killed, 'the backend was killed during the burst');
    assert.ok(failed > 0, 'writes failed once it died, so the burst was cut short');
    assert.equal((await killed).signal, 'SIGKILL');

    await t.restart();
    const stored = await allExamIds(client);
    const lost = acknowledged.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${acknowledged.length} acknowledged writes, ${lost.length} lost`);
  } finally {
    await t.stop();
  }
});
