// A Triage dashboard user's session (Mailpilot's dashboard users: no Parley account). The `tds_…` bearer token is
// kept in sessionStorage: it lives as long as the tab (a reload keeps it, closing the tab forgets it) and other
// tabs never see it. Never localStorage: a bearer token there outlives the browser session and every tab shares it.
import { ApiError } from '../api/ApiError.ts';

const storageKey = 'parley.triage.dashboard_session';

export interface DashboardUser {
  id: number;
  username: string;
  created_at: string;
}

/** What sign-in and setup answer (`DashboardSignedIn` on the server). */
interface SignedIn {
  token: string;
  token_type: string;
  expires_at: string;
  user: DashboardUser;
}

export interface StoredSession {
  token: string;
  expiresAt: string;
  username: string;
}

/** Why the form is shown again: signed out here, or the server no longer knows the session (expired, closed). */
export type SessionEnd = 'signed_out' | 'expired';

export interface DashboardState {
  session: StoredSession | null;
  ended: SessionEnd | null;
}

type Method = 'GET' | 'POST' | 'PUT';

function read(): StoredSession | null {
  try {
    const text = window.sessionStorage.getItem(storageKey);
    return text === null ? null : (JSON.parse(text) as StoredSession);
  } catch {
    return null;
  }
}

function write(session: StoredSession | null): void {
  try {
    if (session === null) window.sessionStorage.removeItem(storageKey);
    else window.sessionStorage.setItem(storageKey, JSON.stringify(session));
  } catch {
    // Storage disabled: the session lasts until the page is reloaded.
  }
}

/** One JSON call; refusals become ApiError (problem+json `code`). */
async function call<T>(method: Method, path: string, body: unknown, token: string | null): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) throw await ApiError.fromResponse(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * The tab's dashboard session. The Triage area's calls and its live feed go with this token while it exists (see
 * `triageClient`); a 401 on any of them means the server no longer has the session, so it is forgotten and the
 * sign-in form comes back saying so. Subscribable for `useSyncExternalStore`.
 */
class DashboardSession {
  private state: DashboardState = { session: read(), ended: null };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): DashboardState => this.state;

  get active(): boolean {
    return this.state.session !== null;
  }

  /** Whether the first dashboard user still has to be created (anonymous). */
  async needsSetup(): Promise<boolean> {
    return (await call<{ needs_setup: boolean }>('GET', '/api/triage/dashboard/setup', undefined, null)).needs_setup;
  }

  async signIn(username: string, password: string): Promise<void> {
    this.accept(await call<SignedIn>('POST', '/api/triage/dashboard/sign-in', { username, password }, null));
  }

  /** First run: creates the first dashboard user and signs it in. */
  async setup(username: string, password: string): Promise<void> {
    this.accept(await call<SignedIn>('POST', '/api/triage/dashboard/setup', { username, password }, null));
  }

  /** Closes the session on the server (best effort) and forgets it here. */
  async signOut(): Promise<void> {
    const token = this.state.session?.token ?? null;
    try {
      if (token !== null) await call('POST', '/api/triage/dashboard/sign-out', {}, token);
    } catch {
      // Signing out must always work locally.
    } finally {
      this.end('signed_out');
    }
  }

  /** The token for connections that carry it themselves (the hub reads `access_token` from the query). */
  async freshAccessToken(): Promise<string> {
    const session = this.state.session;
    if (session === null) throw new ApiError(401, 'not_signed_in', 'Sign in to the Triage dashboard to continue.');
    return session.token;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T = void>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T = void>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** A call that found the session gone (401) ends it here too. */
  noticeRefusal(error: unknown, token: string): void {
    if (error instanceof ApiError && error.status === 401 && this.state.session?.token === token) this.end('expired');
  }

  private async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const token = await this.freshAccessToken();
    try {
      return await call<T>(method, path, body, token);
    } catch (error) {
      this.noticeRefusal(error, token);
      throw error;
    }
  }

  private accept(answer: SignedIn): void {
    const session = { token: answer.token, expiresAt: answer.expires_at, username: answer.user.username };
    write(session);
    this.set({ session, ended: null });
  }

  private end(reason: SessionEnd): void {
    write(null);
    this.set({ session: null, ended: reason });
  }

  private set(state: DashboardState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const dashboardSession = new DashboardSession();
