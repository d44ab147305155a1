// A minimal change notifier (the editor's own event type is not available to pure modules).

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners = new Set<Listener<T>>();

  /** Subscribes; dispose the result to stop. */
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  /** Calls every listener; one throwing does not stop the others (its error goes to `onError`). */
  fire(value: T, onError?: (error: unknown) => void): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        onError?.(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
