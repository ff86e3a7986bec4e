'use client';

import { plural } from '@exam-results/web-shell';
import { useId, useState, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';

/** How much is left shows once this share of the limit is used. */
const NEAR = 0.8;

export interface LimitedTextOptions {
  value: string;
  onValueChange: (value: string) => void;
  /** The most characters the API accepts (amplify/data/limits.ts). */
  limit: number;
  /** What the field holds, as a sentence says it: "the name students see". */
  what: string;
}

function lengthAfterInsert(input: HTMLInputElement, text: string): number {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  return input.value.length - (end - start) + text.length;
}

/**
 * A text input's limit, kept in sight and never applied by cutting: typing stops at the limit,
 * how much is left shows near it, and a paste or drop that would go over is refused with a
 * sentence that says why. Spread `inputProps` on the `<input>` (join your own aria-describedby
 * with `describedBy`) and put `notes` where they can be read next to it.
 */
export function useLimitedText({ value, onValueChange, limit, what }: LimitedTextOptions) {
  const id = useId();
  const [refused, setRefused] = useState<string>();
  const left = limit - value.length;
  const near = value.length >= limit * NEAR;

  const refuseOver = (event: ClipboardEvent<HTMLInputElement> | DragEvent<HTMLInputElement>, text: string, verb: string) => {
    const length = lengthAfterInsert(event.currentTarget, text);
    if (length <= limit) return;
    event.preventDefault();
    setRefused(`Not ${verb}: ${what} is at most ${plural(limit, 'character', 'characters')}, and this would make it ${length.toLocaleString('en')}.`);
  };

  const describedBy = [near ? `${id}-left` : undefined, refused ? `${id}-refused` : undefined].filter(Boolean).join(' ') || undefined;

  const notes: ReactNode = (
    <>
      {near ? (
        <span id={`${id}-left`} className={left === 0 ? 'limit-left full' : 'limit-left'}>
          {left === 0 ? `No characters left: ${what} is at most ${limit}.` : `${plural(left, 'character', 'characters')} left.`}
        </span>
      ) : null}
      {refused ? (
        <span id={`${id}-refused`} className="limit-refused" role="alert">
          {refused}
        </span>
      ) : null}
    </>
  );

  return {
    inputProps: {
      value,
      maxLength: limit,
      onChange: (event: { target: HTMLInputElement }) => {
        setRefused(undefined);
        onValueChange(event.target.value);
      },
      onPaste: (event: ClipboardEvent<HTMLInputElement>) => refuseOver(event, event.clipboardData.getData('text/plain'), 'pasted'),
      onDrop: (event: DragEvent<HTMLInputElement>) => refuseOver(event, event.dataTransfer.getData('text/plain'), 'dropped in'),
    },
    describedBy,
    /** Whether there is anything to show. */
    hasNotes: near || refused !== undefined,
    notes,
  };
}

/** Joins aria-describedby ids, leaving out the missing ones. */
export function describedBy(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}
