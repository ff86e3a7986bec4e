/**
 * Defence in depth: a result is shown only when it belongs to its exam's teacher. The API already
 * refuses a result under someone else's exam (amplify/data/exam-integrity.ts); guests can read the
 * `owner` of both models, so the page checks again and never shows one that slipped through.
 */
export function sameOwner(examOwner: string | null | undefined, result: { owner?: string | null }): boolean {
  return examOwner != null && examOwner !== '' && result.owner === examOwner;
}
