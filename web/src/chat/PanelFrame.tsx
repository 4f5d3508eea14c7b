import type { ReactNode } from 'react';

/** The frame of a side panel (pins, polls, moderation): a title, a close button, the content. */
export function PanelFrame({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside className="chat-panel" data-testid={testId} aria-label={title}>
      <header className="chat-panel-head">
        <h2>{title}</h2>
        <button type="button" className="button-ghost" onClick={onClose}>
          Close
        </button>
      </header>
      {children}
    </aside>
  );
}

/** What a panel shows when its part of the server is not there (404) or refused. */
export function Unavailable({ error }: { error: string }) {
  return (
    <p className="muted" data-testid="panel-unavailable">
      Not available: {error}
    </p>
  );
}
