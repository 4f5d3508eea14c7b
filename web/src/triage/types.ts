// The Triage API's shapes as the server sends them (snake_case JSON, ISO 8601 times). Read from the server's records:
// Pipeline/AccountStatusView.cs, Api/AuditApi.cs, Api/DeadLetterApi.cs, Api/TriageFeedHub.cs, Api/SettingsApi.cs.

/** A keyset page: pass `next_cursor` as `before` for the next one (null at the end). */
export interface TriagePage<T> {
  items: T[];
  next_cursor: string | null;
}

/** `GET /api/triage/accounts` → `{accounts}`. */
export interface TriageAccount {
  name: string;
  folders: string[];
  connected: boolean;
  /** `idle` or `polling`; `unknown` before the first connection. */
  mode: 'idle' | 'polling' | 'unknown';
  paused: boolean;
  last_error: string | null;
  last_processed_at: string | null;
  processed_count: number;
  dead_letter_count: number;
}

export interface TriageHealth {
  status: 'ok' | 'degraded';
  accounts: number;
  connected: number;
  paused: number;
  dead_letters: number;
  last_processed_at: string | null;
  /** clamd's reachability (Antivirus/ClamdReachability.cs); reachable and checked_at are null while antivirus is off. */
  antivirus: { enabled: boolean; reachable: boolean | null; checked_at: string | null };
}

/** One action of a decision, as stored in the audit log. */
export interface TriageActionView {
  type: string;
  folder?: string | null;
  flags?: string[] | null;
  labels?: string[] | null;
  forward_to?: string | null;
}

/** One row of `audit_log` (`GET /api/triage/audit`, the export, the live feed). */
export interface AuditItem {
  id: number;
  message_id: string;
  account: string;
  actions: TriageActionView[];
  /** Only when `state.audit_subjects` is on. */
  subject: string | null;
  llm_provider: string | null;
  llm_model: string | null;
  confidence: number | null;
  reasoning: string | null;
  created_at: string;
}

/** The audit search's filters, as the query string names them. */
export interface AuditFilters {
  account: string;
  action: string;
  q: string;
  from: string;
  to: string;
  provider: string;
  min_confidence: string;
  max_confidence: string;
}

/** What the live feed (`/hubs/triage`, event `decision`) sends. */
export interface FeedDecision {
  decision: AuditItem;
  dry_run: boolean;
}

export type DeadLetterStatus = 'pending' | 'retrying' | 'exhausted' | 'success' | 'skipped';

export interface DeadLetter {
  id: number;
  message_id: string;
  account: string;
  folder: string;
  uid: number;
  error: string;
  attempts: number;
  retry_status: DeadLetterStatus;
  created_at: string;
  resolved_at: string | null;
  next_retry_at: string | null;
  last_retry_at: string | null;
}

/** `open` (pending, retrying, exhausted), `resolved`, `all`, or one retry status. */
export type DeadLetterFilter = 'open' | 'resolved' | 'all' | DeadLetterStatus;

/** Settings values are kept as written in YAML: every leaf is a string (`"true"`, `"5"`, `"24h"`). */
export type SettingsNode = string | null | SettingsNode[] | { [key: string]: SettingsNode };
export type SettingsObject = { [key: string]: SettingsNode };

/** `GET /api/triage/settings`: the `triage:` section (secrets masked) and where it comes from. */
export interface SettingsView {
  settings: SettingsObject;
  /** `parley.yaml` until the page first saves, then `settings_file`. */
  source: 'parley.yaml' | 'settings_file';
}

/** A rule in the configuration's shape (`RuleOptions`). */
export interface RuleDraft {
  name: string;
  match: 'all' | 'any';
  conditions: { field: string; op: string; value: string; header?: string }[];
  actions: TriageActionView[];
  category?: string;
  stop?: boolean;
}
