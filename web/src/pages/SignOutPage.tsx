import { useEffect } from 'react';
import { Navigate } from 'react-router-dom';
import { api } from '../api/browserClient.ts';
import { useAuth } from '../auth/AuthContext.ts';

/** Ends the session on the server, forgets the tokens, then shows the sign-in page. */
export function SignOutPage() {
  const { state } = useAuth();
  useEffect(() => {
    void api.logout();
  }, []);
  if (state.status === 'signed_out') return <Navigate to="/sign-in" replace />;
  return (
    <main className="splash" aria-busy="true">
      <p>Signing out…</p>
    </main>
  );
}
