'use client';

import type { ExamResult } from '@exam-results/live-data/guest';
import type { Row } from '@exam-results/live-data/react';
import { useId, useMemo, useState } from 'react';

type SortKey = 'student' | 'grade';

interface Sort {
  key: SortKey;
  ascending: boolean;
}

const byStudent = (a: ExamResult, b: ExamResult) => a.student.localeCompare(b.student, undefined, { sensitivity: 'base' });

/** An exam's results, sortable by student (A to Z first) or grade (best first) and searchable by student name. */
export function ResultsTable({
  rows,
  compareGrades,
}: {
  rows: readonly Row<ExamResult>[];
  compareGrades: (a: string, b: string) => number;
}) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'student', ascending: true });
  const searchId = useId();

  const visible = useMemo(() => {
    const query = search.trim().toLocaleLowerCase();
    const compare =
      sort.key === 'student'
        ? (a: ExamResult, b: ExamResult) => byStudent(a, b)
        : (a: ExamResult, b: ExamResult) => compareGrades(b.grade, a.grade) || byStudent(a, b);
    return rows
      .filter(({ item }) => item.student.toLocaleLowerCase().includes(query))
      .sort((a, b) => (sort.ascending ? 1 : -1) * compare(a.item, b.item));
  }, [rows, search, sort, compareGrades]);

  const sortBy = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, ascending: !current.ascending } : { key, ascending: key === 'student' }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : undefined);
  const arrow = (key: SortKey) => (sort.key === key ? (sort.ascending ? '↑' : '↓') : '↕');

  return (
    <>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor={searchId}>Search students</label>
          <input id={searchId} type="search" placeholder="Student name" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
      </div>
      <table className="results">
        <caption className="visually-hidden">Results, sorted by {sort.key}</caption>
        <colgroup>
          <col className="col-student" />
          <col className="col-grade" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('student')}>
              <button type="button" onClick={() => sortBy('student')}>
                Student <span aria-hidden="true">{arrow('student')}</span>
              </button>
            </th>
            <th scope="col" aria-sort={ariaSort('grade')}>
              <button type="button" onClick={() => sortBy('grade')}>
                Grade <span aria-hidden="true">{arrow('grade')}</span>
              </button>
            </th>
          </tr>
        </thead>
        <tbody>
          {visible.map(({ item, mark }) => (
            <tr key={`${item.id}:${item.updatedAt}`} data-mark={mark}>
              <td>{item.student}</td>
              <td>{item.grade}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {visible.length === 0 && rows.length > 0 && <p className="empty">No student matches “{search.trim()}”.</p>}
    </>
  );
}
