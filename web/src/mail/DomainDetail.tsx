import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { CreateInboxForm } from './CreateInboxForm.tsx';
import { DnsRecordsTable } from './DnsRecordsTable.tsx';
import { mailApi } from './mailApi.ts';
import { useMail } from './MailContext.ts';
import type { Domain } from './types.ts';
import { VerificationBadge } from './VerificationBadge.tsx';

/** One domain: the DNS records to publish with their status, "Verify now", its inboxes, deleting it. */
export function DomainDetail() {
  const { domainId = '' } = useParams();
  const { structureVersion, structureChanged } = useMail();
  const loaded = useResource(() => mailApi.domain(domainId), [domainId]);
  const inboxes = useResource(() => mailApi.inboxes(domainId), [domainId, structureVersion]);
  // The answer of "Verify now" replaces the loaded domain, so the records show the new flags.
  const [checked, setChecked] = useState<Domain | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  useEffect(() => setChecked(null), [domainId]);
  const domain = checked ?? loaded.data;

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setChecked(await mailApi.verifyDomain(domainId));
    } catch (failure) {
      setVerifyError(describeError(failure));
    } finally {
      setVerifying(false);
    }
  };

  if (loaded.error) {
    return (
      <section className="page">
        <h1>Domain</h1>
        <ErrorNotice message={loaded.error} testId="mail-domain-error" />
        <Link to="/mail/domains">All domains</Link>
      </section>
    );
  }
  if (!domain) return <p className="muted">Loading…</p>;

  const found = domain.dns_records.filter((r) => r.verified).length;
  return (
    <section className="page stack" data-testid="mail-domain" data-name={domain.name}>
      <p className="small">
        <Link to="/mail/domains">← Domains</Link>
      </p>
      <h1 data-testid="mail-domain-name">
        {domain.name} <VerificationBadge domain={domain} />
      </h1>

      <section className="card" aria-labelledby="mail-dns-heading">
        <h2 id="mail-dns-heading">DNS records to publish</h2>
        <p className="muted">
          Add these records at your DNS provider, then check them here. Mail for this domain is received and signed once they are
          found.
        </p>
        <DnsRecordsTable records={domain.dns_records} />
        <div className="row">
          <button type="button" onClick={verify} disabled={verifying} data-testid="mail-verify-domain">
            {verifying ? 'Checking…' : 'Verify now'}
          </button>
          <span className="muted small" data-testid="mail-verified-at">
            {domain.verified_at ? `Verified ${formatDateTime(domain.verified_at)}` : 'Not verified yet'}
          </span>
        </div>
        <ErrorNotice message={verifyError} testId="mail-verify-error" />
        {checked && (
          <SuccessNotice testId="mail-verify-result">
            Checked just now: {found} of {domain.dns_records.length} records found
            {found === domain.dns_records.length ? '. The domain is verified.' : '. DNS changes can take a while to show; try again later.'}
          </SuccessNotice>
        )}
      </section>

      <section className="card" aria-labelledby="mail-domain-inboxes-heading">
        <h2 id="mail-domain-inboxes-heading">Inboxes</h2>
        <ErrorNotice message={inboxes.error} />
        {inboxes.data?.items.length === 0 && (
          <p className="muted" data-testid="mail-domain-no-inboxes">
            No inboxes on this domain yet.
          </p>
        )}
        {inboxes.data && inboxes.data.items.length > 0 && (
          <ul className="mail-plain-list" data-testid="mail-domain-inboxes">
            {inboxes.data.items.map((inbox) => (
              <li key={inbox.id} data-testid="mail-domain-inbox" data-address={inbox.address}>
                <Link to={`/mail/inboxes/${inbox.id}`}>{inbox.address}</Link> <span className="muted">— {inbox.name}</span>
                {inbox.is_catchall && <span className="badge">Catch-all</span>}
              </li>
            ))}
          </ul>
        )}
        <CreateInboxForm domain={domain} onCreated={() => structureChanged()} />
      </section>

      <DeleteDomain domain={domain} />
    </section>
  );
}

/** Deleting takes two clicks: the first asks, the second deletes. Its inboxes stop receiving. */
function DeleteDomain({ domain }: { domain: Domain }) {
  const navigate = useNavigate();
  const { structureChanged } = useMail();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await mailApi.deleteDomain(domain.id);
      structureChanged();
      navigate('/mail/domains');
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mail-delete-domain-heading" data-testid="mail-delete-domain">
      <h2 id="mail-delete-domain-heading">Delete domain</h2>
      <ErrorNotice message={error} />
      {confirming ? (
        <div className="row" role="group" aria-label="Confirm deleting the domain">
          <span>
            Delete <strong>{domain.name}</strong>? Its inboxes stop receiving mail.
          </span>
          <button type="button" className="button-danger" disabled={busy} onClick={remove} data-testid="mail-delete-domain-confirm">
            Delete {domain.name}
          </button>
          <button type="button" className="button-ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)} data-testid="mail-delete-domain-start">
          Delete domain…
        </button>
      )}
    </section>
  );
}
