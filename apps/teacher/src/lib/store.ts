import { messageOf } from './data-errors';

/** Why a form cannot be saved, and which of its fields to fix. */
export interface FieldProblem<Field extends string> {
  field: Field;
  message: string;
}

export interface Notice {
  id: number;
  text: string;
  /** Makes the same write again (the notice goes); for a write whose values are kept. */
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
