import { createContext, useContext } from 'react';
import type { SignOutReason } from '../api/ApiClient.ts';
import type { User } from '../api/types.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string }
  | { status: 'signed_out'; reason?: SignOutReason }
  | { status: 'signed_in'; user: User };

export interface Auth {
  state: AuthState;
  /** The signed-in user, or null. */
  user: User | null;
  /** Fetches the account again (after a password change or enabling two-factor). */
  reloadUser(): Promise<void>;
  /** Tries to resume the stored session again (after the server was unreachable). */
  retry(): void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth needs an <AuthProvider> above it.');
  return auth;
}
