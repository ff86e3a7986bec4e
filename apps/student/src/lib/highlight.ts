/** How long a row that just changed stays marked; the animations in globals.css last as long. */
export const HIGHLIGHT_MS = 2000;
