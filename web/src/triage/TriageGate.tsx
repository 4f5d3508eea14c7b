import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, NavLink, Outlet } from 'react-router-dom';
import { isAdminRole } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { AppShell } from '../components/AppShell.tsx';
import { DashboardSignIn } from './DashboardSignIn.tsx';
import { dashboardSession } from './dashboardSession.ts';

/**
 * `/triage` decides who is looking, outside the app's Parley sign-in guard: a Parley owner or admin uses the
 * dashboard with their Parley session as before; anyone else (signed out of Parley, or a plain Parley user) gets the
 * Triage dashboard users' sign-in (or first-run setup), and once signed in the dashboard with that tab's `tds_`
 * session. With a Parley session the page sits in the app's frame, without one in a frame of its own.
 */
export function TriageGate() {
  const { state } = useAuth();
  const dashboard = useSyncExternalStore(dashboardSession.subscribe, dashboardSession.snapshot);

  if (state.status === 'loading') {
    return (
      <main className="splash" aria-busy="true" data-testid="loading">
        <p>Loading…</p>
      </main>
    );
  }
  const parleyUser = state.status === 'signed_in' ? state.user : null;
  if (parleyUser?.password_must_change) return <Navigate to="/change-password" replace state={{ from: '/triage' }} />;

  const allowed = dashboard.session !== null || isAdminRole(parleyUser?.role);
  const content = allowed ? <Outlet /> : <DashboardSignIn parleyUser={parleyUser} ended={dashboard.ended} />;
  return parleyUser !== null ? <AppShell>{content}</AppShell> : <DashboardFrame>{content}</DashboardFrame>;
}

/** The frame of a dashboard user with no Parley session: no Parley navigation (they have none of it). */
function DashboardFrame({ children }: { children: ReactNode }) {
  return (
    <div className="shell dashboard-frame" data-testid="triage-dashboard-frame">
      <header className="topbar">
        <NavLink to="/triage" className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          Parley · Triage dashboard
        </NavLink>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
