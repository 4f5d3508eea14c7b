import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { mailApi } from './mailApi.ts';
import { webhookEventTypes, type CreatedWebhook, type Inbox, type Uuid, type Webhook } from './types.ts';
import { usePagedList } from './usePagedList.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';

/** Endpoints that receive Mail's events: registering one (secret shown once), the list with health, deliveries. */
export function WebhooksPage() {
  const hooks = usePagedList((cursor) => mailApi.webhooks({ cursor }), []);
  const inboxes = useResource(() => mailApi.inboxes());
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [open, setOpen] = useState<Uuid | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Uuid | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inboxAddress = (id: Uuid) => inboxes.data?.items.find((i) => i.id === id)?.address ?? id;

  const remove = async (hook: Webhook) => {
    setError(null);
    try {
      await mailApi.deleteWebhook(hook.id);
      setConfirmDelete(null);
      hooks.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <section className="page stack" data-testid="mail-webhooks">
      <h1>Webhooks</h1>
      <CreateWebhookForm
        inboxes={inboxes.data?.items ?? []}
        onCreated={(hook) => {
          setCreated(hook);
          hooks.reload();
        }}
      />
      {created && (
        <div className="secret-box" role="status" data-testid="mail-webhook-secret-panel">
          <p>
            <strong>Webhook for {created.url} registered.</strong> This is its signing secret: copy it now, it will not be shown again.
          </p>
          <p className="secret-line">
            <code data-testid="mail-webhook-secret">{created.secret}</code> <CopyButton text={created.secret} />
          </p>
          <button type="button" className="button-ghost" onClick={() => setCreated(null)} data-testid="mail-webhook-secret-done">
            Done
          </button>
        </div>
      )}
      <section className="card" aria-labelledby="mail-webhooks-heading">
        <h2 id="mail-webhooks-heading">Endpoints</h2>
        <ErrorNotice message={error ?? hooks.error} testId="mail-webhooks-error" />
        {hooks.loaded && hooks.items.length === 0 && (
          <p className="muted" data-testid="mail-webhooks-empty">
            No webhooks yet. Register an endpoint above to be told about mail as it happens.
          </p>
        )}
        <ul className="mail-webhook-list">
          {hooks.items.map((hook) => (
            <li key={hook.id} className="mail-webhook" data-testid="mail-webhook-row" data-url={hook.url}>
              <div className="row">
                <code className="mail-webhook-url">{hook.url}</code>
                <span className={hook.status === 'active' ? 'badge badge-on' : 'badge badge-off'} data-testid="mail-webhook-status">
                  {hook.status}
                </span>
                {hook.failure_count > 0 && <span className="muted small">{hook.failure_count} failures in a row</span>}
              </div>
              <p className="small muted">
                {hook.events.join(', ')} · {hook.inbox_ids && hook.inbox_ids.length > 0 ? hook.inbox_ids.map(inboxAddress).join(', ') : 'every inbox'} ·
                last success {formatDateTime(hook.last_success_at)} · last failure {formatDateTime(hook.last_failure_at)}
              </p>
              <div className="row">
                <button
                  type="button"
                  className="button-ghost"
                  aria-expanded={open === hook.id}
                  onClick={() => setOpen(open === hook.id ? null : hook.id)}
                  data-testid="mail-webhook-deliveries-toggle"
                >
                  {open === hook.id ? 'Hide deliveries' : 'Recent deliveries'}
                </button>
                {confirmDelete === hook.id ? (
                  <>
                    <button type="button" className="button-danger" onClick={() => void remove(hook)} data-testid="mail-webhook-delete-confirm">
                      Delete this webhook
                    </button>
                    <button type="button" className="button-ghost" onClick={() => setConfirmDelete(null)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <button type="button" className="button-ghost" onClick={() => setConfirmDelete(hook.id)} aria-label={`Delete webhook ${hook.url}`}>
                    Delete…
                  </button>
                )}
              </div>
              {open === hook.id && <WebhookDeliveries webhookId={hook.id} />}
            </li>
          ))}
        </ul>
        {hooks.hasMore && (
          <button type="button" className="button-ghost" disabled={hooks.loading} onClick={hooks.loadMore}>
            Load more
          </button>
        )}
      </section>
    </section>
  );
}

function CreateWebhookForm({ inboxes, onCreated }: { inboxes: Inbox[]; onCreated: (hook: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<ReadonlySet<string>>(new Set(['message.received']));
  const [scoped, setScoped] = useState<ReadonlySet<Uuid>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (events.size === 0) {
      setError('Choose at least one event.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Registering waits for the endpoint to echo a verification challenge.
      const hook = await mailApi.createWebhook({ url: url.trim(), events: [...events], inbox_ids: scoped.size > 0 ? [...scoped] : undefined });
      setUrl('');
      setScoped(new Set());
      onCreated(hook);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="mail-create-webhook-heading">
      <h2 id="mail-create-webhook-heading">Register an endpoint</h2>
      <p className="muted small">Parley sends the endpoint a verification challenge first; it must echo it back within a few seconds.</p>
      <ErrorNotice message={error} testId="mail-create-webhook-error" />
      <form className="stack" onSubmit={submit} data-testid="mail-create-webhook-form">
        <label>
          Endpoint URL
          <input name="webhook-url" type="url" required autoComplete="off" placeholder="https://example.com/hooks/mail" value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
        <fieldset className="permissions">
          <legend>Events</legend>
          {webhookEventTypes.map((type) => (
            <label key={type} className="checkbox">
              <input type="checkbox" checked={events.has(type)} onChange={(e) => setEvents(toggle(events, type, e.target.checked))} />
              <code>{type}</code>
            </label>
          ))}
        </fieldset>
        {inboxes.length > 0 && (
          <fieldset className="permissions">
            <legend>Only these inboxes (none chosen: every inbox)</legend>
            {inboxes.map((inbox) => (
              <label key={inbox.id} className="checkbox">
                <input type="checkbox" checked={scoped.has(inbox.id)} onChange={(e) => setScoped(toggle(scoped, inbox.id, e.target.checked))} />
                {inbox.address}
              </label>
            ))}
          </fieldset>
        )}
        <div>
          <button type="submit" disabled={busy} data-testid="mail-create-webhook">
            {busy ? 'Verifying the endpoint…' : 'Register webhook'}
          </button>
        </div>
      </form>
    </section>
  );
}
