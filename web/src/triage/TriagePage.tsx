import { NavLink, Outlet } from 'react-router-dom';
import { isAdminRole } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.ts';
import { useResource } from '../useResource.ts';
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
];

/**
 * `/triage`: the dashboard of the Triage module (Mailpilot's): IMAP accounts, decisions as they happen, the audit,
 * dead letters, rules, the prompt sandbox and the settings. The API admits Parley's owners and admins (and Mailpilot's
 * own dashboard users, who have no Parley account and so do not use this app).
 */
export function TriagePage() {
  const { user } = useAuth();
  const admin = isAdminRole(user?.role);
  const settings = useResource(() => (admin ? triageApi.settings() : Promise.reject(new Error('Not an admin.'))), [admin]);
  if (!admin) {
    return (
      <section className="stack" data-testid="page-triage">
        <h1>Triage</h1>
        <p className="notice" data-testid="triage-not-admin">
          The Triage dashboard is for Parley's owners and admins.
        </p>
      </section>
    );
  }
  return (
    <TriageSettingsContext.Provider value={settings}>
    <section className="stack triage" data-testid="page-triage">
      <header className="row triage-head">
        <h1>Triage</h1>
        <DryRunToggle />
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
