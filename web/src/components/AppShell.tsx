import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { isAdminRole } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.ts';

const places = [
  { to: '/chat', label: 'Chat' },
  { to: '/tickets', label: 'Tickets' },
  { to: '/mail', label: 'Mail' },
  { to: '/triage', label: 'Triage' },
];

/** The frame around every signed-in page: header, navigation, content (`children`, else the matched route). */
export function AppShell({ children }: { children?: ReactNode }) {
  const { user } = useAuth();
  const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');

  return (
    <div className="shell" data-testid="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          Parley
        </NavLink>
        <div className="topbar-user">
          <span className="muted" data-testid="signed-in-as">
            {user?.display_name || user?.username}
          </span>
          <NavLink to="/sign-out" className="button button-ghost" data-testid="sign-out">
            Sign out
          </NavLink>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {places.map((place) => (
            <li key={place.to}>
              <NavLink to={place.to} className={navClass} data-testid={`nav-${place.label.toLowerCase()}`}>
                {place.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <ul className="sidebar-secondary">
          <li>
            <NavLink to="/account" className={navClass} data-testid="nav-account">
              Account
            </NavLink>
          </li>
          {isAdminRole(user?.role) && (
            <li>
              <NavLink to="/admin" className={navClass} data-testid="nav-admin">
                Admin
              </NavLink>
            </li>
          )}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
    </div>
  );
}
