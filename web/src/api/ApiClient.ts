import { ApiError } from './ApiError.ts';
import type { MfaChallenge, Tokens, User } from './types.ts';

/** Where the refresh token lives between page loads (localStorage in the browser). */
export interface TokenStore {
  get(): string | null;
  set(token: string | null): void;
}

export type SignOutReason = 'signed_out' | 'session_ended' | 'session_reused';

export type AuthEvent = { type: 'signed_in'; user: User } | { type: 'signed_out'; reason: SignOutReason };

export type LoginResult = { kind: 'signed_in'; user: User } | { kind: 'mfa_required'; mfaToken: string };

export interface ApiClientOptions {
  refreshTokens: TokenStore;
  fetch?: typeof fetch;
  baseUrl?: string;
  /**
   * Runs the refresh alone across every tab of the app. Refresh tokens rotate and a reused
   * one revokes the whole session, so two tabs must never present the same token.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const notSignedIn = () => new ApiError(401, 'not_signed_in', 'Sign in to continue.');

/**
 * Talks to the Parley API. The access token stays in memory only; the refresh token is kept
 * in the token store so a reload can resume the session. A 401 triggers one refresh (shared
 * by every request that hit it) and one retry.
 */
export class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<User> | null = null;
  private ending: Promise<void> | null = null;
  private readonly listeners = new Set<(event: AuthEvent) => void>();
  private readonly refreshTokens: TokenStore;
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;
  private readonly exclusive: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(options: ApiClientOptions) {
    this.refreshTokens = options.refreshTokens;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
    this.exclusive = options.exclusive ?? ((work) => work());
  }

  /** True when a session can be resumed (a refresh token is stored). */
  get canResume(): boolean {
    return this.refreshTokens.get() !== null;
  }

  subscribe(listener: (event: AuthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const answer = await this.send<Tokens | MfaChallenge>('POST', '/api/auth/login', { username, password }, null);
    if ('mfa_required' in answer && answer.mfa_required) {
      return { kind: 'mfa_required', mfaToken: answer.mfa_token };
    }
    return { kind: 'signed_in', user: await this.accept(answer as Tokens) };
  }

  /** Second step of sign-in: a TOTP code or one of the backup codes. */
  async loginWithCode(mfaToken: string, code: string): Promise<User> {
    const tokens = await this.send<Tokens>('POST', '/api/auth/login/totp', { mfa_token: mfaToken, code }, null);
    return this.accept(tokens);
  }

  /** Exchanges the stored refresh token for new tokens; concurrent callers share one exchange. */
  refresh(): Promise<User> {
    this.refreshing ??= this.exclusive(() => this.refreshNow()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Ends this session on the server (best effort) and forgets the tokens. */
  async logout(): Promise<void> {
    await this.endSession('/api/auth/logout');
  }

  /** Ends every session of the user, this one included. */
  async logoutEverywhere(): Promise<void> {
    await this.endSession('/api/auth/logout-all');
  }

  /** Forgets the tokens without telling the server (another tab signed out, say). */
  forget(reason: SignOutReason = 'signed_out'): void {
    const hadSession = this.accessToken !== null || this.refreshTokens.get() !== null;
    this.accessToken = null;
    this.refreshTokens.set(null);
    if (hadSession || reason !== 'signed_out') this.emit({ type: 'signed_out', reason });
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

  patch<T = void>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Posts a multipart form (file uploads); the browser sets the boundary header itself. */
  upload<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, form);
  }

  /**
   * An access token that is still good, for connections that carry it themselves (the chat hub
   * reads it from the query string): refreshed first when missing or about to expire.
   */
  async freshAccessToken(): Promise<string> {
    if (this.accessToken === null || expiresWithin(this.accessToken, 30)) {
      if (!this.canResume) throw notSignedIn();
      await this.refresh();
    }
    if (this.accessToken === null) throw notSignedIn();
    return this.accessToken;
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    if (this.accessToken === null) {
      if (!this.canResume) throw notSignedIn();
      await this.refresh();
    }
    const used = this.accessToken;
    try {
      return await this.send<T>(method, path, body, used);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      // Another request may have refreshed while this one was in flight; then just retry.
      if (this.accessToken === used) await this.refresh();
      return this.send<T>(method, path, body, this.accessToken);
    }
  }

  private async refreshNow(): Promise<User> {
    // Read the token inside the exclusive section: another tab may have rotated it meanwhile.
    const token = this.refreshTokens.get();
    if (token === null) {
      this.forget('session_ended');
      throw notSignedIn();
    }
    let tokens: Tokens;
    try {
      tokens = await this.send<Tokens>('POST', '/api/auth/refresh', { refresh_token: token }, null);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.forget(error.code === 'refresh_token_reused' ? 'session_reused' : 'session_ended');
      }
      throw error;
    }
    return this.accept(tokens);
  }

  private async accept(tokens: Tokens): Promise<User> {
    this.accessToken = tokens.access_token;
    this.refreshTokens.set(tokens.refresh_token);
    const user = tokens.user ?? (await this.send<User>('GET', '/api/account', undefined, tokens.access_token));
    this.emit({ type: 'signed_in', user });
    return user;
  }

  private endSession(path: string): Promise<void> {
    // One sign-out at a time: a second one would find the session already gone.
    this.ending ??= this.endSessionNow(path).finally(() => {
      this.ending = null;
    });
    return this.ending;
  }

  private async endSessionNow(path: string): Promise<void> {
    try {
      if (this.accessToken !== null || this.canResume) await this.request('POST', path, {});
    } catch {
      // Signing out must always work locally, even when the server is unreachable.
    } finally {
      this.forget('signed_out');
    }
  }

  private async send<T>(method: Method, path: string, body: unknown, accessToken: string | null): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (accessToken !== null) headers.Authorization = `Bearer ${accessToken}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  private emit(event: AuthEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** True when a JWT's `exp` falls within `seconds` from now; tokens that are not JWTs count as fresh. */
function expiresWithin(token: string, seconds: number): boolean {
  const payload = token.split('.')[1];
  if (!payload) return false;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' && json.exp * 1000 - Date.now() < seconds * 1000;
  } catch {
    return false;
  }
}
