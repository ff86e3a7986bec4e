import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appEnvironment } from './app-env';

test("the teacher app's student links point at the port the student app runs on, unless STUDENT_APP_URL says otherwise", () => {
  assert.equal(appEnvironment('teacher', '/repo/amplify_outputs.json', 3301, {})['STUDENT_APP_URL'], 'http://localhost:3301');
  assert.equal(appEnvironment('teacher', '/repo/amplify_outputs.json', 3301, { STUDENT_APP_URL: 'https://results.school.example' })['STUDENT_APP_URL'], 'https://results.school.example');
  assert.deepEqual(appEnvironment('student', '/repo/amplify_outputs.json', 3301, {}), { AMPLIFY_OUTPUTS: '/repo/amplify_outputs.json', NEXT_TELEMETRY_DISABLED: '1' });
});
