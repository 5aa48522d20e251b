import { useCallback, useEffect, useState } from 'react';

// One answer from the API as a view's state: loading, failed (with a retry) or there.

export type Loaded<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'done'; data: T };

/** Loads again whenever `key` changes (a query as a string) or retry() is called; a late answer to an old key is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'done', data }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // `load` is a new function every render; `key` says when what it loads changed.
  }, [key, attempt]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
