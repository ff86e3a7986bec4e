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

  return (
    <>
      <div className="filters needs-script" role="search">
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
            <ColumnHeader name="Student" sortKey="student" sort={sort} onSort={sortBy} />
            <ColumnHeader name="Grade" sortKey="grade" sort={sort} onSort={sortBy} />
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

/** A column's name, a button that sorts by it where the page's scripts run. */
function ColumnHeader({ name, sortKey, sort, onSort }: { name: string; sortKey: SortKey; sort: Sort; onSort: (key: SortKey) => void }) {
  const sorted = sort.key === sortKey;
  return (
    <th scope="col" aria-sort={sorted ? (sort.ascending ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="needs-script" onClick={() => onSort(sortKey)}>
        {name} <span aria-hidden="true">{sorted ? (sort.ascending ? '↑' : '↓') : '↕'}</span>
      </button>
      <span className="column-name without-script">{name}</span>
    </th>
  );
}
