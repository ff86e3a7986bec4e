'use client';

import { limits } from '@exam-results/amplify/data/limits';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ResultInput, ResultsEditor } from '../lib/results-editor';

const EMPTY: Required<ResultInput> = { student: '', grade: '', fullName: '' };

/**
 * Student and grade, then Enter: the result shows at once, the fields empty and the cursor goes
 * back to the student field for the next one. The full name, which only the teacher sees, is optional.
 */
export function AddResultForm({ editor, gradeHint }: { editor: ResultsEditor; gradeHint: string }) {
  const id = useId();
  const [fields, setFields] = useState(EMPTY);
  const [problem, setProblem] = useState<{ field: keyof ResultInput; message: string }>();
  const inputs = useRef<Partial<Record<keyof ResultInput, HTMLInputElement | null>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = editor.problemWith(fields);
    setProblem(found);
    if (found) {
      inputs.current[found.field]?.focus();
      return;
    }
    void editor.add(fields);
    setFields(EMPTY);
    inputs.current.student?.focus();
  };

  const describedBy = (field: keyof ResultInput, hint?: string) =>
    [hint, problem?.field === field ? `${id}-problem` : undefined].filter(Boolean).join(' ') || undefined;

  const input = (field: keyof ResultInput, label: string, maxLength: number, hint: string, extra: { autoFocus?: boolean } = {}) => (
    <div className={`field ${field}-field`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        ref={(element) => {
          inputs.current[field] = element;
        }}
        name={field}
        autoComplete="off"
        maxLength={maxLength}
        value={fields[field]}
        aria-invalid={problem?.field === field || undefined}
        aria-describedby={describedBy(field, `${id}-${field}-hint`)}
        onChange={(event) => setFields({ ...fields, [field]: event.target.value })}
        {...extra}
      />
      <p id={`${id}-${field}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );

  return (
    <form className="add-result" onSubmit={submit} noValidate aria-label="Add a result">
      {/* entering results is what this page is for: start in the student field */}
      {input('student', 'Student', limits.student, 'What students see: a first name, initials or a candidate number.', { autoFocus: true })}
      {input('grade', 'Grade', limits.grade, gradeHint)}
      {input('fullName', 'Full name (only you)', limits.fullName, 'Optional. Never shown to students.')}
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
