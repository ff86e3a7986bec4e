'use client';

import { limits } from '@exam-results/amplify/data/limits';
import { schoolTimeZone } from '@exam-results/web-shell';
import { describedBy, useLimitedText } from './limited-input';
import { useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { EXAM_YEARS, type ExamInput, type ReleaseMode } from '../lib/exams-store';
import type { FieldProblem } from '../lib/store';

type Field = keyof ExamInput;

interface Props {
  initial: ExamInput;
  submitLabel: string;
  validate: (fields: ExamInput) => FieldProblem<Field> | undefined;
  /** Resolves with why the exam could not be saved, or undefined when it was. */
  onSubmit: (fields: ExamInput) => Promise<string | undefined>;
  onCancel?: () => void;
}

const RELEASE_MODES: { value: ReleaseMode; label: string }[] = [
  { value: 'live', label: 'As I enter them' },
  { value: 'manual', label: 'When I release them' },
  { value: 'scheduled', label: 'At a set time' },
];

const GRADINGS = [
  { value: '', label: 'As typed (free text)' },
  { value: 'letters', label: 'Letters A to F' },
  { value: 'percentage', label: 'Percent' },
  { value: 'points', label: 'Points' },
] as const;

/**
 * Subject, date, teacher and grading of an exam: used to create one and to edit one. With
 * `releaseMode` in `initial` (a new exam) it asks when students see the results too; an
 * existing exam's release is changed on its page.
 */
export function ExamForm({ initial, submitLabel, validate, onSubmit, onCancel }: Props) {
  const id = useId();
  const [fields, setFields] = useState(initial);
  const [error, setError] = useState<{ field?: Field; message: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = validate(fields);
    setError(problem);
    if (problem) {
      document.getElementById(`${id}-${problem.field}`)?.focus();
      return;
    }
    setBusy(true);
    const failure = await onSubmit(fields);
    setBusy(false);
    setError(failure === undefined ? undefined : { message: failure });
  };

  const problemProps = (field: Field) => ({
    'aria-invalid': error?.field === field || undefined,
    'aria-describedby': error?.field === field ? `${id}-error` : undefined,
  });

  const subject = useLimitedText({ value: fields.subject, onValueChange: (value) => setFields((now) => ({ ...now, subject: value })), limit: limits.subject, what: 'the subject' });
  const teacher = useLimitedText({ value: fields.teacher, onValueChange: (value) => setFields((now) => ({ ...now, teacher: value })), limit: limits.teacher, what: "the teacher's name" });

  const textControl = (field: 'subject' | 'teacher', label: string, limited: typeof subject, extra: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        name={field}
        autoComplete="off"
        required
        {...extra}
        {...limited.inputProps}
        {...problemProps(field)}
        aria-describedby={describedBy(problemProps(field)['aria-describedby'], limited.describedBy)}
      />
      {limited.hasNotes ? <p className="limit-notes">{limited.notes}</p> : null}
    </div>
  );

  const inputControl = (field: 'date' | 'maxPoints' | 'releaseAt', label: ReactNode, attributes: InputHTMLAttributes<HTMLInputElement>, className = 'field') => (
    <div className={className}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        value={fields[field] ?? ''}
        required
        {...attributes}
        {...problemProps(field)}
        onChange={(event) => setFields({ ...fields, [field]: event.target.value })}
      />
    </div>
  );

  return (
    <form className="exam-form" onSubmit={submit} noValidate>
      <div className="field-row">
        {textControl('subject', 'Subject', subject)}
        {inputControl('date', 'Date', { type: 'date', autoComplete: 'off', min: `${EXAM_YEARS.first}-01-01`, max: `${EXAM_YEARS.last}-12-31` })}
        {textControl('teacher', 'Teacher', teacher, { autoComplete: 'name' })}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-grading`}>Grading</label>
          <select
            id={`${id}-grading`}
            name="grading"
            value={fields.grading ?? ''}
            {...problemProps('grading')}
            onChange={(event) => setFields({ ...fields, grading: (event.target.value || null) as ExamInput['grading'] })}
          >
            {GRADINGS.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {fields.grading === 'points'
          ? inputControl('maxPoints', 'Out of (points)', { type: 'number', inputMode: 'numeric', min: 1, max: limits.maxPoints, step: 1 }, 'field points-field')
          : null}
      </div>
      {fields.releaseMode !== undefined ? (
        <fieldset className="release-choice">
          <legend>Students see the results</legend>
          {RELEASE_MODES.map(({ value, label }) => (
            <label key={value} className="choice">
              <input type="radio" name="releaseMode" value={value} checked={fields.releaseMode === value} onChange={() => setFields({ ...fields, releaseMode: value })} />
              {label}
            </label>
          ))}
          {fields.releaseMode === 'scheduled' ? inputControl('releaseAt', <>Release at (school time, {schoolTimeZone})</>, { type: 'datetime-local' }) : null}
        </fieldset>
      ) : null}
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
