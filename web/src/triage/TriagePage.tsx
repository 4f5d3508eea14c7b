import { useSyncExternalStore } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useResource } from '../useResource.ts';
import { dashboardSession } from './dashboardSession.ts';
import { DryRunToggle } from './DryRunToggle.tsx';
import { TriageSettingsContext } from './SettingsContext.ts';
import { triageApi } from './triageApi.ts';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');

const tabs = [
  { to: 'accounts', label: 'Accounts' },
  { to: 'feed', label: 'Live feed' },
  { to: 'audit', label: 'Audit' },
  { to: 'dead-letters', label: 'Dead letters' },
  { to: 'rules', label: 'Rules' },
  { to: 'sandbox', label: 'Sandbox' },
  { to: 'settings', label: 'Settings' },
  { to: 'users', label: 'Dashboard users' },
];

/**
 * `/triage`: the dashboard of the Triage module (Mailpilot's): IMAP accounts, decisions as they happen, the audit,
 * dead letters, rules, the prompt sandbox, the settings and the dashboard users. `TriageGate` lets in Parley's owners
 * and admins (their Parley session) and Triage dashboard users (the tab's dashboard session, signed out here).
 */
export function TriagePage() {
  const settings = useResource(() => triageApi.settings());
  const dashboard = useSyncExternalStore(dashboardSession.subscribe, dashboardSession.snapshot);
  return (
    <TriageSettingsContext.Provider value={settings}>
    <section className="stack triage" data-testid="page-triage">
      <header className="row triage-head">
        <h1>Triage</h1>
        <DryRunToggle />
        {dashboard.session !== null && (
          <span className="row triage-identity">
            <span className="muted" data-testid="triage-signed-in-as">
              Dashboard user {dashboard.session.username}
            </span>
            <button type="button" className="button-ghost" onClick={() => void dashboardSession.signOut()} data-testid="triage-sign-out">
              Sign out
            </button>
          </span>
        )}
      </header>
      <nav className="tabs" aria-label="Triage">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} className={tabClass} data-testid={`triage-tab-${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
    </TriageSettingsContext.Provider>
  );
}
