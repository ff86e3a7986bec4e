'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { ExamFields } from '../lib/data-api';
import type { FieldProblem } from '../lib/store';

type Field = keyof ExamFields;

interface Props {
  initial: ExamFields;
  submitLabel: string;
  validate: (fields: ExamFields) => FieldProblem<Field> | undefined;
  /** Resolves with why the exam could not be saved, or undefined when it was. */
  onSubmit: (fields: ExamFields) => Promise<string | undefined>;
  onCancel?: () => void;
}

/** Subject, date and teacher of an exam: used to create one and to edit one. */
export function ExamForm({ initial, submitLabel, validate, onSubmit, onCancel }: Props) {
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [error, setError] = useState<{ field?: Field; message: string }>();
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = validate(fields);
    setError(problem);
    if (problem) {
      inputs.current[problem.field]?.focus();
      return;
    }
    setBusy(true);
    const failure = await onSubmit(fields);
    setBusy(false);
    setError(failure === undefined ? undefined : { message: failure });
  };

  const control = (field: Field, label: string, type: 'text' | 'date', autoComplete?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        ref={(element) => {
          inputs.current[field] = element;
        }}
        type={type}
        name={field}
        autoComplete={autoComplete ?? 'off'}
        value={fields[field]}
        required
        aria-invalid={error?.field === field || undefined}
        aria-describedby={error?.field === field ? `${id}-error` : undefined}
        onChange={(event) => setFields({ ...fields, [field]: event.target.value })}
      />
    </div>
  );

  return (
    <form className="exam-form" onSubmit={submit} noValidate>
      <div className="field-row">
        {control('subject', 'Subject', 'text')}
        {control('date', 'Date', 'date')}
        {control('teacher', 'Teacher', 'text', 'name')}
      </div>
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
