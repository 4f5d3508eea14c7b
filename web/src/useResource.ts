import { useCallback, useEffect, useState } from 'react';
import { describeError } from './api/ApiError.ts';

export interface Resource<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Loads data for a page, again whenever `deps` change or `reload()` is called. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(describeError(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what the loader depends on.
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { data, error, loading, reload };
}
