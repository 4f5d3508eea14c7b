// The Triage area's HTTP API, one function per call, so components never build paths themselves.
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/browserClient.ts';
import { dashboardSession, type DashboardUser } from './dashboardSession.ts';
import type {
  AuditFilters, AuditItem, DeadLetter, DeadLetterFilter, RuleDraft, SettingsObject, SettingsView, TriageAccount, TriageHealth, TriagePage,
} from './types.ts';

const enc = encodeURIComponent;

/**
 * Who the Triage area's calls (and its live feed) go as: the tab's dashboard session when there is one (a Triage
 * dashboard user signed in on the form), else the Parley session (an owner or admin).
 */
export function triageClient(): Pick<typeof api, 'get' | 'post' | 'put' | 'freshAccessToken'> {
  return dashboardSession.active ? dashboardSession : api;
}

/** A query string of the parameters that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The audit filters as the API wants them: dates from the form's `datetime-local` become ISO instants. */
export function auditParams(filters: AuditFilters): Record<string, string> {
  const iso = (local: string) => (local === '' ? '' : new Date(local).toISOString());
  return { ...filters, from: iso(filters.from), to: iso(filters.to) };
}

/**
 * The raw YAML form of the settings travels as text (not JSON), so it is sent with the access token by hand;
 * refusals are problem+json like everywhere else.
 */
async function text(method: 'GET' | 'PUT', path: string, body?: string): Promise<string> {
  const token = await triageClient().freshAccessToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/yaml, application/problem+json', ...(body === undefined ? {} : { 'Content-Type': 'application/yaml' }) },
      body,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await ApiError.fromResponse(response);
    dashboardSession.noticeRefusal(error, token);
    throw error;
  }
  return response.text();
}

/** An endpoint this server does not have yet (routing's bare 404) said plainly; other refusals pass through. */
function offered<T>(what: string, call: Promise<T>): Promise<T> {
  return call.catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404 && error.code === 'http_404') {
      throw new ApiError(404, 'not_available', `This server does not offer the ${what} yet.`);
    }
    throw error;
  });
}

export const triageApi = {
  accounts: () => triageClient().get<{ accounts: TriageAccount[] }>('/api/triage/accounts').then((answer) => answer.accounts),
  health: () => triageClient().get<TriageHealth>('/api/triage/health'),
  /** `pause`, `resume`, `reconnect` or `process-now`; answers the account as it is afterwards. */
  accountCommand: (name: string, command: 'pause' | 'resume' | 'reconnect' | 'process-now') =>
    triageClient().post<TriageAccount>(`/api/triage/accounts/${enc(name)}/${command}`),

  audit: (filters: AuditFilters, before: string | null, limit = 50) =>
    triageClient().get<TriagePage<AuditItem>>(`/api/triage/audit${query({ ...auditParams(filters), before, limit })}`),
  auditExportUrl: (filters: AuditFilters, format: 'csv' | 'json') => `/api/triage/audit/export${query({ ...auditParams(filters), format })}`,

  deadLetters: (status: DeadLetterFilter, account: string, before: string | null, limit = 50) =>
    triageClient().get<TriagePage<DeadLetter>>(`/api/triage/dead-letters${query({ status, account, before, limit })}`),
  /** `retry` (pending or exhausted: now), `skip` (pending: stop retrying), `dismiss` (exhausted: acknowledge). */
  deadLetterCommand: (id: number, command: 'retry' | 'skip' | 'dismiss') => triageClient().post(`/api/triage/dead-letters/${id}/${command}`),

  settings: () => triageClient().get<SettingsView>('/api/triage/settings'),
  saveSettings: (settings: SettingsObject) => triageClient().put<SettingsView>('/api/triage/settings', settings),
  settingsYaml: () => text('GET', '/api/triage/settings/yaml'),
  saveSettingsYaml: (yaml: string) => text('PUT', '/api/triage/settings/yaml', yaml),
  dashboardUsers: () => triageClient().get<{ items: DashboardUser[] }>('/api/triage/dashboard/users').then((answer) => answer.items),
  createDashboardUser: (username: string, password: string) => triageClient().post<DashboardUser>('/api/triage/dashboard/users', { username, password }),
  setDryRun: (enabled: boolean) => triageClient().put<SettingsView>('/api/triage/settings/dry-run', { enabled }),

  // docs/triage.md, HTTP API: a rule in the configuration's shape, an account and N (capped by `sandbox.preview_limit`)
  // → `{items: [{uid, from, subject, date, matched, actions}]}`; a raw email or an account + UID → the outcome. Both
  // answers are shown field by field where known and whole below (RawAnswer).
  previewRule: (body: { account: string; rule: RuleDraft; count: number }) => offered('rule preview', triageClient().post<unknown>('/api/triage/rules/preview', body)),
  sandbox: (body: Record<string, unknown>) => offered('prompt sandbox', triageClient().post<unknown>('/api/triage/sandbox', body)),
};
