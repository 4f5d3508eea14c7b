import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { isAdminRole } from '../api/types.ts';
import { useAuth } from './AuthContext.ts';

export interface ReturnTo {
  from?: string;
}

/** Lets signed-in users through; sends everyone else to sign in, and a user whose password must change to that form. */
export function RequireSignIn() {
  const { state, retry } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <main className="splash" aria-busy="true" data-testid="loading">
        <p>Loading…</p>
      </main>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <main className="splash">
        <div className="card">
          <h1>Parley is unreachable</h1>
          <p role="alert">{state.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (state.status === 'signed_out') {
    const from = location.pathname + location.search;
    return <Navigate to="/sign-in" replace state={{ from } satisfies ReturnTo} />;
  }
  const mustChange = state.user.password_must_change;
  if (mustChange && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace state={{ from: location.pathname + location.search } satisfies ReturnTo} />;
  }
  if (!mustChange && location.pathname === '/change-password') {
    // Done (or never needed): carry on to where the user was going.
    return <Navigate to={(location.state as ReturnTo | null)?.from ?? '/'} replace />;
  }
  return <Outlet />;
}

/** Admin pages are for the admin and owner roles; the server enforces it, this only explains. */
export function RequireAdmin() {
  const { user } = useAuth();
  if (!isAdminRole(user?.role)) {
    return (
      <section className="page" data-testid="admin-forbidden">
        <h1>Administration</h1>
        <p role="alert" className="notice notice-error">
          Only administrators can open this page.
        </p>
      </section>
    );
  }
  return <Outlet />;
}
