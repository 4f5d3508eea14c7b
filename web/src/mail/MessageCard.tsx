import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { DeliveryBadge } from './DeliveryBadge.tsx';
import { downloadWithToken, formatBytes } from './files.ts';
import { HtmlBody } from './HtmlBody.tsx';
import { MessageLabels } from './LabelChips.tsx';
import { mailApi } from './mailApi.ts';
import type { Address, DeliveryEvent, Message } from './types.ts';

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

/** One message of a thread: who, when, its labels, the body, attachments, and for mail we sent its delivery. */
export function MessageCard({ message, onLabelsChanged }: { message: Message; onLabelsChanged?(): void }) {
  const hasText = (message.body_text ?? '').trim() !== '';
  const [showHtml, setShowHtml] = useState(!hasText && !!message.body_html);
  const [error, setError] = useState<string | null>(null);
  const from = message.from_name ? `${message.from_name} <${message.from_address}>` : message.from_address;
  const download = (url: string, filename: string) => downloadWithToken(url, filename).catch((e: unknown) => setError(describeError(e)));

  return (
    <article
      className={`mail-message mail-message-${message.direction}`}
      data-testid="mail-message"
      data-message-id={message.message_id}
      data-direction={message.direction}
      aria-label={`Message from ${from}`}
    >
      <header className="mail-message-head">
        <div>
          <p className="mail-message-from" data-testid="mail-message-from">
            {from}
          </p>
          <dl className="mail-message-recipients small">
            <dt>To</dt>
            <dd data-testid="mail-message-to">{message.to.map(formatAddress).join(', ') || '—'}</dd>
            {message.cc.length > 0 && (
              <>
                <dt>Cc</dt>
                <dd data-testid="mail-message-cc">{message.cc.map(formatAddress).join(', ')}</dd>
              </>
            )}
            {message.bcc.length > 0 && (
              <>
                <dt>Bcc</dt>
                <dd>{message.bcc.map(formatAddress).join(', ')}</dd>
              </>
            )}
          </dl>
        </div>
        <div className="mail-message-meta">
          <time className="muted small" dateTime={message.sent_at ?? message.created_at}>
            {formatDateTime(message.sent_at ?? message.created_at)}
          </time>
          <span className="badge">{message.direction === 'outbound' ? 'Sent' : 'Received'}</span>
        </div>
      </header>
      {/* Mounted again when the server's labels change (the thread reloaded), else it keeps its own answer. */}
      <MessageLabels key={(message.labels ?? []).join('\n')} messageId={message.message_id} labels={message.labels ?? []} onChanged={onLabelsChanged} />

      {showHtml && message.body_html ? (
        <HtmlBody html={message.body_html} title={`HTML body of the message from ${from}`} />
      ) : (
        <pre className="mail-body-text" data-testid="mail-message-text">
          {message.body_text ?? ''}
        </pre>
      )}
      {message.body_html && hasText && (
        <button type="button" className="link-button" onClick={() => setShowHtml(!showHtml)} data-testid="mail-toggle-html">
          {showHtml ? 'Show plain text' : 'Show HTML version'}
        </button>
      )}

      {message.attachments.length > 0 && (
        <ul className="mail-attachments" aria-label="Attachments" data-testid="mail-attachments">
          {message.attachments.map((attachment) => {
            const name = attachment.filename || 'attachment';
            return (
              <li key={attachment.id}>
                <a
                  href={mailApi.attachmentUrl(attachment.id)}
                  download={name}
                  data-testid="mail-attachment"
                  data-filename={name}
                  onClick={(event) => {
                    // The link needs the access token, which only a script can add.
                    event.preventDefault();
                    void download(mailApi.attachmentUrl(attachment.id), name);
                  }}
                >
                  📎 {name}
                </a>{' '}
                <span className="muted small">
                  {attachment.content_type}, {formatBytes(attachment.size_bytes)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNotice message={error} />

      <footer className="mail-message-foot small">
        {message.delivery && (
          <details className="mail-delivery" data-testid="mail-delivery">
            <summary>
              Delivery: <DeliveryBadge status={message.delivery.status} />
            </summary>
            {message.delivery.events.length === 0 ? (
              <p className="muted">No delivery events yet.</p>
            ) : (
              <ol className="mail-delivery-events" data-testid="mail-delivery-events">
                {message.delivery.events.map((event, index) => (
                  <li key={`${event.created_at}-${index}`} data-testid="mail-delivery-event" data-status={event.status}>
                    <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time> <strong>{event.status}</strong>
                    {describeDetails(event.details) && <span className="muted"> — {describeDetails(event.details)}</span>}
                  </li>
                ))}
              </ol>
            )}
          </details>
        )}
        {message.authentication && (
          <span className="muted" data-testid="mail-authentication">
            SPF {message.authentication.spf ?? '—'} · DKIM {message.authentication.dkim ?? '—'} · DMARC {message.authentication.dmarc ?? '—'}
          </span>
        )}
        <a
          href={mailApi.rawUrl(message.message_id)}
          className="link-button"
          onClick={(event) => {
            event.preventDefault();
            void download(mailApi.rawUrl(message.message_id), 'message.eml');
          }}
        >
          Download original
        </a>
      </footer>
    </article>
  );
}

/** One line from a delivery event's details object: its plain values, "key: value", in the server's order. */
function describeDetails(details: DeliveryEvent['details']): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'string') return details;
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${String(value)}`)
    .join(' · ');
}
