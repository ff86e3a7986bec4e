import { test } from 'node:test';
import { postGraphql, signInUser, startTempBackend } from './testing';
test('scratch', async () => {
  const t = await startTempBackend({});
  const ada = await signInUser(t, 'ada@school.example');
  await postGraphql(t.dataUrl, JSON.stringify({ query: 'mutation { createExam(input: {subject: "M", date: "2024-06-01", teacher: "A"}) { id } }' }), { authorization: await ada.accessToken() });
  const r = await postGraphql(t.dataUrl, JSON.stringify({ query: 'query ($f: ModelExamFilterInput) { listExams(filter: $f) { items { id } } }', variables: { f: { date: { between: ['2024-12-31', '2024-01-01'] } } } }), { authorization: await ada.accessToken() });
  console.log(JSON.stringify(r.body));
  console.log(t.logLines.filter((l) => /./.test(l)).join('\n'));
  await t.stop();
});
