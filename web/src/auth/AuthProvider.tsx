import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/ApiError.ts';
import { api, refreshTokenKey } from '../api/browserClient.ts';
import type { User } from '../api/types.ts';
import { AuthContext, type Auth, type AuthState } from './AuthContext.ts';

/** Holds who is signed in, resuming the stored session on load and following other tabs. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => (api.canResume ? { status: 'loading' } : { status: 'signed_out' }));
  const [attempt, setAttempt] = useState(0);

  useEffect(
    () =>
      api.subscribe((event) =>
        setState(event.type === 'signed_in' ? { status: 'signed_in', user: event.user } : { status: 'signed_out', reason: event.reason }),
      ),
    [],
  );

  useEffect(() => {
    if (!api.canResume) return;
    api.refresh().catch((error: unknown) => {
      // A rejected token already signed us out (through the subscription); anything else is an outage.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) {
        setState({ status: 'unavailable', message: describeError(error) });
      }
    });
  }, [attempt]);

  useEffect(() => {
    // Another tab signed out (or in): follow it rather than fail on the next request.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== refreshTokenKey && event.key !== null) return;
      if (event.newValue === null) api.forget('signed_out');
      else if (event.oldValue === null) setAttempt((n) => n + 1);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const reloadUser = useCallback(async () => {
    const user = await api.get<User>('/api/account');
    setState({ status: 'signed_in', user });
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<Auth>(
    () => ({ state, user: state.status === 'signed_in' ? state.user : null, reloadUser, retry }),
    [state, reloadUser, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
