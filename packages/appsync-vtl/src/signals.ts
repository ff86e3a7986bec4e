import type { TemplateError } from './types';

/** Thrown to stop rendering: `#return`, `#stop`, `#break`, `$util.error`. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

export class StopSignal {
  readonly directive = '#stop';
}

export class BreakSignal {
  readonly directive = '#break';
}

export class TemplateErrorSignal {
  constructor(readonly error: TemplateError) {}
}
