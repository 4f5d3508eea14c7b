import { useState } from 'react';
import { describeError } from '../api/ApiError.ts';
import { api } from '../api/browserClient.ts';

const statuses = ['online', 'idle', 'dnd', 'invisible'] as const;

/** Chooses the caller's presence status (PUT /api/chat/presence); says so when the server lacks presence. */
export function StatusPicker() {
  const [status, setStatus] = useState<string>('online');
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="chat-status">
      Status
      <select
        value={status}
        onChange={(e) => {
          const next = e.target.value;
          api.put('/api/chat/presence', { status: next, custom_status: null }).then(
            () => {
              setStatus(next);
              setError(null);
            },
            (failure: unknown) => setError(describeError(failure)),
          );
        }}
      >
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error && <span className="muted"> (not available: {error})</span>}
    </label>
  );
}
