import { useAuth } from '../../auth/AuthContext.ts';
import { formatDateTime } from '../../format.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';

/** The signed-in user's own account: profile, password, two-factor, sessions. */
export function AccountPage() {
  const { user, reloadUser } = useAuth();
  if (user === null) return null;
  return (
    <section className="page" data-testid="page-account">
      <h1>Account</h1>

      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="facts" data-testid="profile">
          <dt>Username</dt>
          <dd data-testid="profile-username">{user.username}</dd>
          <dt>Display name</dt>
          <dd>{user.display_name || '—'}</dd>
          <dt>Email</dt>
          <dd>{user.email || '—'}</dd>
          <dt>Role</dt>
          <dd data-testid="profile-role">{user.role}</dd>
          <dt>Member since</dt>
          <dd>{formatDateTime(user.created_at)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <PasswordForm onChanged={reloadUser} />
      </section>

      <TwoFactorSection />

      <SessionsSection />
    </section>
  );
}
