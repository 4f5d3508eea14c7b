import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../api/ApiError.ts';
import { formatDateTime } from '../format.ts';
import { useResource } from '../useResource.ts';
import { chatApi } from './chatApi.ts';
import { useChat } from './ChatContext.ts';

/** The caller's bookmarked messages with their notes. */
export function BookmarksPage() {
  const { users } = useChat();
  const bookmarks = useResource(() => chatApi.bookmarks(), []);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="page" data-testid="bookmarks-page">
      <h1>Bookmarks</h1>
      {bookmarks.error && <p className="muted" data-testid="panel-unavailable">Bookmarks are not available: {bookmarks.error}</p>}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {bookmarks.data?.length === 0 && <p className="muted">No bookmarks yet. Use “Bookmark” on a message.</p>}
      <ul className="chat-panel-list">
        {bookmarks.data?.map((b) => (
          <li key={b.id} data-testid="bookmark">
            <Link to={`/chat/go/${b.message.channel_id}`}>
              <strong>{users.name(b.message.sender_id)}</strong>: {b.message.plaintext ?? '…'}
            </Link>
            {b.note && <p className="muted">{b.note}</p>}
            <div className="muted">
              {formatDateTime(b.created_at)}{' '}
              <button type="button" className="link-button" onClick={() => chatApi.removeBookmark(b.id).then(bookmarks.reload, (e: unknown) => setError(describeError(e)))}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
