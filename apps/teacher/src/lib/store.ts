import { messageOf } from './data-errors';

/** Why a form cannot be saved, and which of its fields to fix. */
export interface FieldProblem<Field extends string> {
  field: Field;
  message: string;
}

export interface Notice {
  id: number;
  text: string;
  /**
   * Makes the same write again (the notice goes); for a write whose values are kept. On the
   * notice of a write waiting for the server, sends it now (the notice goes once it is saved).
   */
  retry?: () => void;
}

/**
 * State that React reads with useSyncExternalStore: a snapshot that changes identity only when
 * something changed, and notices for writes the backend refused (already rolled back).
 */
export abstract class Store<View> {
  private readonly listeners = new Set<() => void>();
  private view: View | undefined;
  private nextNoticeId = 1;
  protected notices: readonly Notice[] = [];

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): View => (this.view ??= this.buildView());

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
    this.publish();
  }

  protected abstract buildView(): View;

  protected publish(): void {
    this.view = this.buildView();
    for (const listener of this.listeners) listener();
  }

  /**
   * Runs a write the outbox keeps until the server answers (`held` resolves, with why, when it
   * gave no answer). Resolves like {@link attempt}, or, once the server gave no answer, with the
   * sentence that says why and that the write is kept: it stays shown as saving, and a notice
   * offers to send it now (`sendNow`) until the server has answered.
   */
  protected async attemptKept(
    run: () => Promise<void>,
    held: Promise<unknown>,
    failurePrefix: string,
    sendNow: () => void,
    { notify = true, retry }: { notify?: boolean; retry?: () => void } = {},
  ): Promise<string | undefined> {
    const answered = this.attempt(run, failurePrefix, notify, retry);
    const first = await Promise.race([answered.then((failure) => ({ failure })), held.then((error) => ({ error }))]);
    if ('failure' in first) return first.failure;
    const text = `${failurePrefix} ${messageOf(first.error)} Kept here: it is sent as soon as the server answers.`;
    if (notify) {
      const id = this.nextNoticeId++;
      this.notices = [...this.notices, { id, text, retry: sendNow }];
      this.publish();
      void answered.then(() => this.dismissNotice(id));
    }
    return text;
  }

  /** Runs a write; resolves with undefined when it succeeded, else with the sentence that says why not. */
  protected async attempt(run: () => Promise<void>, failurePrefix: string, notify = true, retry?: () => void): Promise<string | undefined> {
    try {
      await run();
      return undefined;
    } catch (error) {
      const text = `${failurePrefix} ${messageOf(error)}`;
      if (notify) {
        const id = this.nextNoticeId++;
        const again = retry
          ? () => {
              this.dismissNotice(id);
              retry();
            }
          : undefined;
        this.notices = [...this.notices, { id, text, ...(again ? { retry: again } : {}) }];
        this.publish();
      }
      return text;
    }
  }
}
