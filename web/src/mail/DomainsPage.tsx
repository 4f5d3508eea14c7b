import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { mailApi } from './mailApi.ts';
import { useMail } from './MailContext.ts';
import { VerificationBadge } from './VerificationBadge.tsx';
import { usePagedList } from './usePagedList.ts';

/** The domains Parley receives and sends mail for, and the form that adds one. */
export function DomainsPage() {
  const { structureVersion } = useMail();
  const domains = usePagedList((cursor) => mailApi.domains({ cursor }), [structureVersion]);
  return (
    <section className="page stack" data-testid="mail-domains">
      <h1>Domains</h1>
      <AddDomainForm />
      <section className="card" aria-labelledby="mail-domains-heading">
        <h2 id="mail-domains-heading">Your domains</h2>
        <ErrorNotice message={domains.error} testId="mail-domains-error" />
        {domains.loaded && domains.items.length === 0 && (
          <p className="muted" data-testid="mail-domains-empty">
            No domains yet. Add one above: Parley then shows the DNS records to publish.
          </p>
        )}
        {domains.items.length > 0 && (
          <div className="table-wrap">
            <table data-testid="mail-domains-table">
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {domains.items.map((domain) => (
                  <tr key={domain.id} data-testid="mail-domain-row" data-name={domain.name}>
                    <th scope="row">
                      <Link to={`/mail/domains/${domain.id}`} data-testid="mail-domain-link">
                        {domain.name}
                      </Link>
                    </th>
                    <td>
                      <VerificationBadge domain={domain} />
                    </td>
                    <td>{formatDateTime(domain.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {domains.hasMore && (
          <button type="button" className="button-ghost" disabled={domains.loading} onClick={domains.loadMore}>
            Load more
          </button>
        )}
      </section>
    </section>
  );
}

function AddDomainForm() {
  const navigate = useNavigate();
  const { structureChanged } = useMail();
  const [name, setName] = useState('');
  const [fromName, setFromName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await mailApi.createDomain({ name: name.trim(), from_name: fromName.trim() || undefined });
      structureChanged();
      navigate(`/mail/domains/${created.id}`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mail-add-domain-heading">
      <h2 id="mail-add-domain-heading">Add a domain</h2>
      <ErrorNotice message={error} testId="mail-add-domain-error" />
      <form onSubmit={submit} className="grid-form" data-testid="mail-add-domain-form">
        <label>
          Domain name
          <input name="domain-name" required autoComplete="off" placeholder="example.com" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>
            Default sender name <span className="muted">(optional)</span>
          </span>
          <input name="domain-from-name" autoComplete="off" value={fromName} onChange={(e) => setFromName(e.target.value)} />
        </label>
        <div className="form-end">
          <button type="submit" disabled={busy}>
            Add domain
          </button>
        </div>
      </form>
    </section>
  );
}
