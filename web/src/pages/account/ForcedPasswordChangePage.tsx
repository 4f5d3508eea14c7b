import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext.ts';
import { PasswordForm } from './PasswordForm.tsx';

/** Shown before anything else when the account's password must be changed (a one-time password, say). */
export function ForcedPasswordChangePage() {
  const { user, reloadUser } = useAuth();
  return (
    <main className="auth-page">
      <div className="card auth-card" data-testid="must-change-password">
        <h1>Choose a new password</h1>
        <p>
          {user?.username ? <strong>{user.username}</strong> : 'This account'} must set a new password before going on.
        </p>
        <PasswordForm onChanged={reloadUser} />
        <p>
          <Link to="/sign-out">Sign out instead</Link>
        </p>
      </div>
    </main>
  );
}
