import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <section className="page" data-testid="page-not-found">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  );
}
