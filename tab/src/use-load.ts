import { useCallback, useEffect, useState } from 'react';

// One answer from the API as a view's state: idle, loading, failed (with a retry) or there. A late
// answer to an earlier question is dropped, so a quick change of period or filter never shows
// the answer to the one before.

export type Loaded<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'done'; data: T };

/** Loads whenever `key` changes or retry() is called; a null key asks nothing (state idle). */
export function useLoad<T>(load: () => Promise<T>, key: string | null): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: key === null ? 'idle' : 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'done', data }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // `load` is new every render; `key` says when what it asks changed.
  }, [key, attempt]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
