import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGuestClient, memoryStorage, type GuestClient, type WebSocketConstructor } from '@exam-results/appsync-guest';
import { guestEndpoints } from '@exam-results/amplify-config/guest';
import { WebSocket } from 'ws';
import type { ExamResultsClient } from './exam-data';
import { listGuestExamsPage } from './guest-source';
import { EXAM_FIELDS, type Exam } from './model-fields';
import { shelveOwnExams } from './owner-source';
import { startTestBackend, type TestBackend } from './testing/backend';
import { required } from './testing/results';

describe("a teacher's exams from before the student list's index", () => {
  let backend: TestBackend;
  let teacher: ExamResultsClient;
  let otherTeacher: ExamResultsClient;
  let guest: GuestClient;

  before(async () => {
    backend = await startTestBackend();
    teacher = await backend.teacher('shelf.teacher@example.com');
    otherTeacher = await backend.teacher('shelf.other@example.com');
    guest = createGuestClient({ ...guestEndpoints(backend.outputs), storage: memoryStorage(), WebSocket: WebSocket as unknown as WebSocketConstructor });
  });

  after(async () => {
    await backend.stop();
  });

  /** An exam as the schema before `shelf` and `release` stored it. */
  const olderExam = async (client: ExamResultsClient, subject: string): Promise<Exam> => {
    const exam = required(await client.models.Exam.create({ subject, date: '2025-06-30', teacher: 'Ms Old' }, { selectionSet: EXAM_FIELDS }));
    const { id, date, teacher: name, grading, maxPoints, owner, createdAt, updatedAt } = exam;
    backend.putItems('Exam', [{ id, subject, date, teacher: name, grading, maxPoints, owner, createdAt, updatedAt }]);
    return exam;
  };
  const studentList = async () => (await listGuestExamsPage(guest, null, 100)).items.map((exam) => exam.subject).sort();

  it('are put on the shelf by their teacher, and the student list shows them again; nobody else\'s are touched', async () => {
    const first = await olderExam(teacher, 'Old Latin');
    await olderExam(teacher, 'Old Greek');
    const othersOld = await olderExam(otherTeacher, 'Old Music');
    required(await teacher.models.Exam.create({ subject: 'New Physics', date: '2026-06-30', teacher: 'Ms New' }));
    assert.deepEqual(await studentList(), ['New Physics'], 'older exams are not in the index');

    const { owner } = first;
    assert.ok(owner);
    assert.equal(await shelveOwnExams(teacher, owner), 2);
    assert.deepEqual(await studentList(), ['New Physics', 'Old Greek', 'Old Latin']);
    assert.equal(await shelveOwnExams(teacher, owner), 0, 'nothing left to put');

    const latin = required(await teacher.models.Exam.get({ id: first.id }, { selectionSet: EXAM_FIELDS }));
    assert.equal(latin.subject, 'Old Latin');
    assert.equal(latin.release, null, 'still live as entered, as every exam from before');

    assert.ok(othersOld.owner);
    await assert.rejects(shelveOwnExams(teacher, othersOld.owner), /Not Authorized/, "another teacher's exams are not theirs to read or change");
    assert.equal(await shelveOwnExams(otherTeacher, othersOld.owner), 1);
    assert.deepEqual(await studentList(), ['New Physics', 'Old Greek', 'Old Latin', 'Old Music']);
  });
});
