'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { ResultFields } from '../lib/data-api';
import type { ResultsEditor } from '../lib/results-editor';

/**
 * Student and grade, then Enter: the result shows at once, the fields empty and the cursor goes
 * back to the student field for the next one.
 */
export function AddResultForm({ editor }: { editor: ResultsEditor }) {
  const id = useId();
  const [fields, setFields] = useState<ResultFields>({ student: '', grade: '' });
  const [problem, setProblem] = useState<{ field: keyof ResultFields; message: string }>();
  const studentInput = useRef<HTMLInputElement>(null);
  const gradeInput = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = editor.problemWith(fields);
    setProblem(found);
    if (found) {
      (found.field === 'student' ? studentInput : gradeInput).current?.focus();
      return;
    }
    void editor.add(fields);
    setFields({ student: '', grade: '' });
    studentInput.current?.focus();
  };

  const describedBy = (field: keyof ResultFields) => (problem?.field === field ? `${id}-problem` : undefined);

  return (
    <form className="add-result" onSubmit={submit} noValidate aria-label="Add a result">
      <div className="field">
        <label htmlFor={`${id}-student`}>Student</label>
        <input
          id={`${id}-student`}
          ref={studentInput}
          name="student"
          autoComplete="off"
          // entering results is what this page is for: start in the student field
          autoFocus
          value={fields.student}
          aria-invalid={problem?.field === 'student' || undefined}
          aria-describedby={describedBy('student')}
          onChange={(event) => setFields({ ...fields, student: event.target.value })}
        />
      </div>
      <div className="field grade-field">
        <label htmlFor={`${id}-grade`}>Grade</label>
        <input
          id={`${id}-grade`}
          ref={gradeInput}
          name="grade"
          autoComplete="off"
          value={fields.grade}
          aria-invalid={problem?.field === 'grade' || undefined}
          aria-describedby={describedBy('grade')}
          onChange={(event) => setFields({ ...fields, grade: event.target.value })}
        />
      </div>
      <button type="submit" className="button primary">
        Add result
      </button>
      {problem ? (
        <p id={`${id}-problem`} className="form-error" role="alert">
          {problem.message}
        </p>
      ) : null}
    </form>
  );
}
