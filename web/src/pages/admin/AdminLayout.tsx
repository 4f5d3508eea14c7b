import { NavLink, Outlet } from 'react-router-dom';

const tabs = [
  { to: 'users', label: 'Users' },
  { to: 'api-keys', label: 'API keys' },
  { to: 'audit', label: 'Audit log' },
];

export function AdminLayout() {
  return (
    <section className="page" data-testid="page-admin">
      <h1>Administration</h1>
      <nav aria-label="Administration" className="tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} className={({ isActive }) => (isActive ? 'tab active' : 'tab')} data-testid={`admin-tab-${tab.to}`}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
