'use client';

import { limits } from '@exam-results/amplify/data/limits';
import { schemeOf, type Grading } from '@exam-results/live-data';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { messageOf } from '../lib/data-errors';
import { savePassMark } from '../lib/pass-mark';
import { useSession } from './session';

export interface PassMarkState {
  /** The pass mark as stored, null for none. */
  value: string | null;
  /** Stores a pass mark as typed (empty clears it); resolves with why not, or undefined once saved. */
  save: (typed: string) => Promise<string | undefined>;
}

/**
 * The pass mark of one exam: as the exam, kept live, has it (`stored`: so a change in another tab
 * shows here), and what this page saved at once, until the exam's own update arrives.
 */
export function usePassMark(examId: string | undefined, grading: Grading, stored: string | null): PassMarkState {
  const { client } = useSession();
  const [saved, setSaved] = useState<{ passMark: string | null; over: string | null }>();

  const save = useCallback(
    async (typed: string) => {
      if (!examId) return 'This exam cannot be changed here.';
      try {
        const outcome = await savePassMark(client, examId, typed, grading);
        if ('problem' in outcome) return outcome.problem;
        setSaved({ passMark: outcome.passMark, over: stored });
        return undefined;
      } catch (failure) {
        return `Could not save the pass mark. ${messageOf(failure)}`;
      }
    },
    [client, examId, grading, stored],
  );

  return { value: saved && saved.over === stored ? saved.passMark : stored, save };
}

function hintFor(grading: Grading): string {
  const scheme = schemeOf(grading);
  const example =
    scheme?.kind === 'letters'
      ? 'The lowest passing letter, for example C.'
      : scheme?.kind === 'points'
        ? `The lowest passing number of points out of ${scheme.outOf}, for example ${Math.round(scheme.outOf / 2)}.`
        : 'The lowest passing percentage, for example 50.';
  return `${example} Leave it empty for no pass mark.`;
}

/**
 * “Pass mark: 50% · Change”, and a small inline form to set, change or clear it. `counted` is the
 * pass mark the statistics count against: unset when there is none or it does not fit the scheme.
 */
export function PassMarkSetting({ grading, passMark, counted }: { grading: Grading; passMark: PassMarkState; counted: string | undefined }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const change = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.focus();
    else if (returnFocus.current) change.current?.focus();
    returnFocus.current = false;
  }, [editing]);

  if (!schemeOf(grading)) {
    return <p className="pass-mark">No pass rate: this exam has no grading scheme. Edit the exam and choose letters, percent or points to set a pass mark.</p>;
  }

  const close = () => {
    returnFocus.current = true;
    setEditing(false);
    setProblem(undefined);
  };

  if (editing) {
    const submit = async () => {
      setSaving(true);
      const failure = await passMark.save(typed);
      setSaving(false);
      if (failure) setProblem(failure);
      else close();
    };
    return (
      <form
        className="pass-mark-form"
        aria-label="Pass mark"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') close();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-mark`}>Pass mark</label>
          <p id={`${id}-hint`} className="hint">
            {hintFor(grading)}
          </p>
          <input
            ref={input}
            id={`${id}-mark`}
            name="passMark"
            value={typed}
            maxLength={limits.grade}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button primary small" disabled={saving}>
            {saving ? 'Saving…' : 'Save pass mark'}
          </button>
          <button type="button" className="button secondary small" onClick={close}>
            Cancel
          </button>
        </div>
        {problem ? (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
    );
  }

  const open = () => {
    setTyped(passMark.value ?? '');
    setEditing(true);
  };
  const text = counted
    ? `Pass mark: ${counted}`
    : passMark.value
      ? `The pass mark ${passMark.value} is not a grade on this exam’s scale, so there is no pass rate`
      : 'No pass mark set, so there is no pass rate';
  return (
    <p className="pass-mark">
      <span>{text}</span>
      <span aria-hidden="true"> · </span>
      <button ref={change} type="button" className="link-button" onClick={open} aria-label={passMark.value ? 'Change the pass mark' : undefined}>
        {passMark.value ? 'Change' : 'Set a pass mark'}
      </button>
    </p>
  );
}
