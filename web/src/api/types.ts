// Shapes of the Parley HTTP API (JSON is snake_case on the wire and here).

export type Id = string | number;
export type Role = 'owner' | 'admin' | 'user';

export interface User {
  id: Id;
  username: string;
  display_name: string | null;
  email: string | null;
  role: Role;
  totp_enabled: boolean;
  password_must_change: boolean;
  created_at: string;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  user?: User;
}

export interface MfaChallenge {
  mfa_required: true;
  mfa_token: string;
}

export interface SessionInfo {
  id: Id;
  device_name: string | null;
  ip_address: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string | null;
  current: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface AdminUser {
  id: Id;
  username: string;
  display_name: string | null;
  email: string | null;
  role: Role;
  disabled: boolean;
  totp_enabled: boolean;
  created_at: string;
}

export interface ApiKeyInfo {
  id: Id;
  name: string;
  prefix: string;
  permissions: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  is_active: boolean;
}

export interface CreatedApiKey {
  id: Id;
  key: string;
  name: string;
  prefix: string;
  permissions: string[];
  expires_at: string | null;
}

export interface AuditEntry {
  id: Id;
  created_at: string;
  user_id: Id | null;
  username: string | null;
  api_key_id: Id | null;
  action: string;
  ip_address: string | null;
  user_agent: string | null;
  metadata: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  next_cursor: string | null;
}

export const isAdminRole = (role: Role | undefined): boolean => role === 'admin' || role === 'owner';
