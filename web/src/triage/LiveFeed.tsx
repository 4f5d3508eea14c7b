import { useCallback, useState } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { describeActions, describeDecider, formatConfidence } from './format.ts';
import { triageApi } from './triageApi.ts';
import type { AuditItem, FeedDecision } from './types.ts';
import { useTriageFeed } from './useTriageFeed.ts';

/** How many decisions the feed keeps on screen. */
const shown = 100;

const emptyFilters = { account: '', action: '', q: '', from: '', to: '', provider: '', min_confidence: '', max_confidence: '' };

type Entry = { item: AuditItem; dryRun: boolean | null; live: boolean };

/**
 * `/triage/feed`: decisions as they are made, newest first — the latest from the audit to start with, then each one
 * the hub pushes. The subject shows only where the audit keeps subjects (`state.audit_subjects`).
 */
export function LiveFeed() {
  const [live, setLive] = useState<Entry[]>([]);
  const recent = useResource(() => triageApi.audit(emptyFilters, null, 20));
  const onDecision = useCallback((payload: FeedDecision) => {
    setLive((before) => [{ item: payload.decision, dryRun: payload.dry_run, live: true }, ...before.filter((e) => e.item.id !== payload.decision.id)].slice(0, shown));
  }, []);
  const status = useTriageFeed(onDecision, recent.reload);

  const seen = new Set(live.map((e) => e.item.id));
  const entries: Entry[] = [...live, ...(recent.data?.items ?? []).filter((i) => !seen.has(i.id)).map((item) => ({ item, dryRun: null, live: false }))]
    .sort((a, b) => b.item.id - a.item.id)
    .slice(0, shown);

  return (
    <div className="stack" data-testid="triage-feed" data-status={status}>
      <p className="row small">
        <span className={status === 'connected' ? 'badge badge-on' : 'badge badge-off'} data-testid="triage-feed-status">
          {status === 'connected' ? 'Live' : status}
        </span>
        <span className="muted">New decisions appear at the top as they are made.</span>
      </p>
      <ErrorNotice message={recent.error} testId="triage-feed-error" />
      {recent.data && entries.length === 0 && (
        <div className="empty-state" data-testid="triage-feed-empty">
          <p className="empty-title">No decisions yet</p>
          <p className="muted">They show here as soon as an email is triaged.</p>
        </div>
      )}
      {entries.length > 0 && (
        <ol className="triage-feed-list" data-testid="triage-feed-list">
          {entries.map((entry) => (
            <FeedEntry key={entry.item.id} entry={entry} />
          ))}
        </ol>
      )}
    </div>
  );
}

function FeedEntry({ entry }: { entry: Entry }) {
  const { item } = entry;
  return (
    <li className="card triage-decision" data-testid="triage-feed-item" data-audit-id={item.id} data-live={entry.live}>
      <div className="row small">
        <strong>{item.account}</strong>
        <time className="muted" dateTime={item.created_at}>
          {formatDateTime(item.created_at)}
        </time>
        {entry.dryRun && <span className="badge badge-off">dry run</span>}
      </div>
      <p data-testid="triage-feed-subject">{item.subject ?? <span className="muted">(subject not kept)</span>}</p>
      <p className="row small">
        <span className="badge" data-testid="triage-feed-actions">
          {describeActions(item.actions)}
        </span>
        <span data-testid="triage-feed-confidence">{formatConfidence(item.confidence)}</span>
        <span className="muted">{describeDecider(item)}</span>
      </p>
      {item.reasoning && (
        <p className="small muted" data-testid="triage-feed-reasoning">
          {item.reasoning}
        </p>
      )}
    </li>
  );
}
