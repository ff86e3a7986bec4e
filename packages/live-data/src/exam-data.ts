import type { LiveList, LiveListOptions } from './live-list';
import { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';
import { watchModel, type ExamResultsClient } from './watch-model';

export { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';
export type { ExamResultsClient } from './watch-model';

/** One exam, kept live (a list of at most one), read by its key. */
export function watchExam(client: ExamResultsClient, id: string, options?: LiveListOptions<Exam>): LiveList<Exam> {
  const listBy = async () => {
    const { data, errors } = await client.models.Exam.get({ id }, { selectionSet: EXAM_FIELDS });
    return { data: data ? [data] : [], errors, nextToken: null };
  };
  return watchModel(client, { model: 'Exam', selectionSet: EXAM_FIELDS, filter: { id: { eq: id } }, listBy }, options);
}

/** The results of one exam, kept live, read by the `listResultsByExam` index; for a guest, once they are released. */
export function watchResults(client: ExamResultsClient, examId: string, options?: LiveListOptions<ExamResult>): LiveList<ExamResult> {
  return watchModel(
    client,
    {
      model: 'Result',
      selectionSet: RESULT_FIELDS,
      filter: { examId: { eq: examId } },
      listBy: ({ limit, nextToken }) => client.models.Result.listResultsByExam({ examId }, { selectionSet: RESULT_FIELDS, limit, nextToken }),
    },
    options,
  );
}
