import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import type { Page } from './types.ts';

export interface PagedList<T> {
  items: T[];
  /** True once the first page arrived (so an empty list can say so). */
  loaded: boolean;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * A cursor-paged list: the first page whenever `deps` change or `reload()` is called, the next one
 * on `loadMore()` (from `next_cursor`). Answers that arrive after the list was reset are dropped.
 */
export function usePagedList<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: readonly unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    loader.current(null).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setLoaded(true);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setItems([]);
        setCursor(null);
        setError(describeError(failure));
        setLoading(false);
      },
    );
    // The caller lists what the loader depends on.
  }, [...deps, version]);

  const loadMore = useCallback(() => {
    if (cursor === null || loading) return;
    const mine = generation.current;
    setLoading(true);
    loader.current(cursor).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((before) => [...before, ...page.items]);
        setCursor(page.next_cursor);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(describeError(failure));
        setLoading(false);
      },
    );
  }, [cursor, loading]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { items, loaded, loading, error, hasMore: cursor !== null, loadMore, reload };
}
