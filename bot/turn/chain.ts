// A turn runs through one list of small steps, like microsoft/teams.ts `app.use(...)` middleware:
// each step does its part and calls next() to go on, or answers and stops the turn there.

export type Next = () => Promise<void>;
export type Middleware<T> = (turn: T, next: Next) => Promise<void>;

/** The steps as one function, run in the order given. */
export function compose<T>(steps: readonly Middleware<T>[]): (turn: T) => Promise<void> {
  return (turn) => {
    const runFrom = async (index: number): Promise<void> => {
      const step = steps[index];
      if (!step) return;
      let called = false;
      await step(turn, () => {
        // A step that goes on twice would run every later step (and its replies) twice.
        if (called) return Promise.reject(new Error(`turn step ${index} called next() twice`));
        called = true;
        return runFrom(index + 1);
      });
    };
    return runFrom(0);
  };
}
