import { useCallback, useState } from 'react';
import { describeFailure } from './format.ts';

export interface Action {
  busy: boolean;
  error: string | null;
  /** The server's validation errors by field (`validation_failed`). */
  fields: Record<string, string[]>;
  /** Runs one change; true when it worked (errors are kept to show). */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/** One form's or list's changes: busy while one runs, the last failure kept to show. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await work();
      return true;
    } catch (failure) {
      const described = describeFailure(failure);
      setError(described.message);
      setFields(described.fields);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, fields, run };
}
