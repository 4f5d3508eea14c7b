import type { ReactNode } from 'react';

/** An error to show next to a form or list; announced to screen readers. */
export function ErrorNotice({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

/** A confirmation that something worked. */
export function SuccessNotice({ children, testId }: { children: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <p className="notice notice-success" role="status" data-testid={testId}>
      {children}
    </p>
  );
}
