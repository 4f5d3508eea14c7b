// The settings form's fields as data: each names its key (a dotted path, relative to the account for account fields),
// how it is edited and what the server assumes when it is left out. The same lists draw the form and tell which
// validation errors have a field to stand next to (the rest are listed under the form).

export type Field = {
  path: string;
  label: string;
  kind: 'text' | 'number' | 'checkbox' | 'textarea' | 'select' | 'list' | 'secret' | 'choices';
  hint?: string;
  /** What the server uses when the key is absent (shown as the placeholder; a checkbox's state). */
  fallback?: string;
  /** For `select` and `choices` (several of). */
  options?: readonly string[];
};

/** The settings most often changed, by key; accounts follow per account, and the rest (providers, rules) as YAML. */
export const globalFields: Field[] = [
  { path: 'concurrency_limit', label: 'Emails processed at once per account', kind: 'number' },
  { path: 'polling_interval', label: 'Polling interval', kind: 'text', hint: 'Where the server has no IDLE, e.g. 30s, 5m' },
  { path: 'confidence.minimum_threshold', label: 'Minimum LLM confidence (0–1)', kind: 'text', hint: 'Below it the email goes to the dead letter untouched' },
  { path: 'add_processing_headers', label: 'Add X-Mailpilot-* headers', kind: 'checkbox' },
  { path: 'state.audit_subjects', label: 'Keep subjects in the audit', kind: 'checkbox' },
  { path: 'attachments.enabled', label: 'Read attachment text for classification', kind: 'checkbox' },
  { path: 'state.processed_ttl', label: 'Remember processed emails for', kind: 'text', hint: 'e.g. 24h' },
  { path: 'state.audit_retention', label: 'Keep the audit for', kind: 'text', hint: 'e.g. 30d' },
  { path: 'retry.max_attempts', label: 'Dead-letter attempts', kind: 'number' },
  { path: 'retry.initial_delay', label: 'First retry after', kind: 'text', hint: 'e.g. 5m' },
  { path: 'retry.max_delay', label: 'Longest retry delay', kind: 'text', hint: 'e.g. 24h' },
  { path: 'default_prompt', label: 'Default prompt', kind: 'textarea' },
];

/** Configuration/AntivirusOptions.cs: every key of `antivirus:` (clamd over TCP), applied to the next email. */
export const antivirusFields: Field[] = [
  { path: 'antivirus.enabled', label: 'Scan attachments with ClamAV (clamd)', kind: 'checkbox' },
  { path: 'antivirus.host', label: 'clamd host', kind: 'text', fallback: 'localhost' },
  { path: 'antivirus.port', label: 'clamd port', kind: 'number', fallback: '3310' },
  { path: 'antivirus.timeout', label: 'Scan timeout per attachment', kind: 'text', fallback: '30s' },
  {
    path: 'antivirus.on_virus_detected',
    label: 'When a virus is found',
    kind: 'select',
    options: ['quarantine', 'delete', 'flag_only'],
    fallback: 'quarantine',
    hint: 'quarantine: move to Quarantine; delete: to Trash; flag_only: flag $Virus and \\Flagged, then classify',
  },  {
    path: 'antivirus.on_scan_error',
    label: 'When an attachment cannot be scanned',
    kind: 'select',
    options: ['classify', 'dead_letter'],
    fallback: 'classify',
    hint: 'classify: treat it as clean, as Mailpilot does (mail flows while clamd is down); dead_letter: leave the email untouched and retry later',
  },
];

/** Configuration/AccountOptions.cs: NotificationsOptions.KnownEvents and WebhookOptions.KnownEvents. */
export const notificationEvents = ['error', 'dead_letter', 'exhausted', 'connection_lost'] as const;
export const webhookEvents = ['startup', 'shutdown', 'error', 'email_processed', 'action_taken', 'connection_lost', 'connection_restored', 'dead_letter'] as const;
const tlsModes = ['auto', 'tls', 'starttls', 'insecure'] as const;

/** An account's fields in groups; `advanced` groups start collapsed. Paths are relative to `accounts.N`. */
export const accountGroups: { title: string; advanced?: boolean; fields: Field[] }[] = [
  {
    title: 'Classification',
    fields: [
      { path: 'review_folder', label: 'Review folder', kind: 'text', hint: 'Unsure LLM decisions go here; empty: dead letter' },
      { path: 'categories', label: 'Categories the LLM chooses from', kind: 'list', hint: 'Comma-separated; empty: any' },
      { path: 'private_senders', label: 'Private senders (never sent to an LLM)', kind: 'list', hint: 'a@b.example, @b.example' },
    ],
  },
  {
    title: 'Notifications',
    fields: [
      { path: 'notifications.users', label: 'Parley users told', kind: 'list', hint: 'Usernames, comma-separated' },
      { path: 'notifications.events', label: 'About', kind: 'choices', options: notificationEvents },
    ],
  },
  {
    title: 'Connection and folders',
    advanced: true,
    fields: [
      { path: 'use_idle', label: 'Use IMAP IDLE where the server has it', kind: 'checkbox', fallback: 'true' },
      { path: 'idle_refresh', label: 'Restart IDLE after', kind: 'text', fallback: '9m' },
      { path: 'reconnect_initial_delay', label: 'First reconnect after', kind: 'text', fallback: '1s' },
      { path: 'reconnect_max_delay', label: 'Longest reconnect delay', kind: 'text', fallback: '5m' },
      { path: 'imap.timeout', label: 'IMAP timeout', kind: 'text', fallback: '60s' },
      { path: 'folders.archive_folder', label: 'Archive folder', kind: 'text', fallback: 'Archive', hint: 'Without a special-use folder' },
      { path: 'folders.trash_folder', label: 'Trash folder', kind: 'text', fallback: 'Trash' },
      { path: 'folders.junk_folder', label: 'Junk folder', kind: 'text', fallback: 'Junk' },
    ],
  },
];

/** `forward.smtp` (ForwardOptions.cs); shown when the relay is chosen. */
export const smtpFields: Field[] = [
  { path: 'forward.smtp.host', label: 'Relay host', kind: 'text' },
  { path: 'forward.smtp.port', label: 'Port', kind: 'number', fallback: '587' },
  { path: 'forward.smtp.tls', label: 'TLS', kind: 'select', options: tlsModes, fallback: 'auto' },
  { path: 'forward.smtp.username', label: 'Username', kind: 'text', hint: 'Empty: no authentication' },
  { path: 'forward.smtp.password', label: 'Password', kind: 'secret' },
  { path: 'forward.smtp.timeout', label: 'Timeout', kind: 'text', fallback: '60s' },
  { path: 'forward.from', label: 'Sender address', kind: 'text', hint: 'Empty: the IMAP username' },
];
export const inboxFields: Field[] = [{ path: 'forward.from_inbox', label: 'Parley inbox address', kind: 'text', hint: 'support@example.org' }];

/** An account's `attachments` override (the global `attachments` applies while it is absent). */
export const attachmentFields: Field[] = [
  { path: 'attachments.enabled', label: 'Read attachment text', kind: 'checkbox' },
  { path: 'attachments.extract_images', label: 'Include images', kind: 'checkbox' },
  { path: 'attachments.max_size_mb', label: 'Largest attachment read (MB)', kind: 'text', fallback: '10' },
  { path: 'attachments.max_extracted_chars', label: 'Text kept per attachment', kind: 'number', fallback: '10000' },
  { path: 'attachments.allowed_types', label: 'MIME types read', kind: 'list', hint: 'Empty: PDF, DOCX and text' },
];

/** One webhook's fields (relative to `webhooks.N`); its `headers` stay as written (edited as YAML). */
export const webhookFields: Field[] = [
  { path: 'url', label: 'URL', kind: 'text', hint: 'https://…' },
  { path: 'secret', label: 'Signing secret', kind: 'secret' },
  { path: 'events', label: 'Events', kind: 'choices', options: webhookEvents },
];

/** Every path of account `index` that has a field (for errors: those of other keys are listed apart). */
export function accountFieldPaths(index: number, webhookCount: number): string[] {
  const account = `accounts.${index}`;
  const paths = [...accountGroups.flatMap((g) => g.fields), ...smtpFields, ...inboxFields, ...attachmentFields].map((f) => `${account}.${f.path}`);
  for (let i = 0; i < webhookCount; i++) paths.push(...webhookFields.map((f) => `${account}.webhooks.${i}.${f.path}`));
  return paths.map((p) => p.toLowerCase());
}
