import { useCallback, useEffect, useMemo, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { ChatContext, type ChatServices } from './ChatContext.ts';
import { ChatHub } from './ChatHub.ts';
import { Sidebar } from './Sidebar.tsx';
import { UserDirectory, useUserNames } from './UserDirectory.ts';

/**
 * The Chat area: one hub connection and one name directory for as long as it is open, the sidebar,
 * and the routed content (a channel, a DM, settings, bookmarks).
 */
export function ChatPage() {
  const [hub] = useState(() => new ChatHub());
  const [users] = useState(() => new UserDirectory());
  const [structureVersion, setStructureVersion] = useState(0);
  const namesVersion = useUserNames(users);

  useEffect(() => {
    // A failed first connect is shown in the sidebar; the page still works over HTTP.
    hub.start().catch(() => undefined);
    return () => void hub.stop();
  }, [hub]);

  const structureChanged = useCallback(() => setStructureVersion((n) => n + 1), []);
  const services = useMemo<ChatServices>(
    () => ({ hub, users, namesVersion, structureVersion, structureChanged }),
    // `users` changes identity never; `namesVersion` changes when names arrive, so every component
    // that reads names through useChat() renders again (routed panels would otherwise keep short ids).
    [hub, users, namesVersion, structureVersion, structureChanged],
  );

  return (
    <ChatContext.Provider value={services}>
      <div className="chat" data-testid="page-chat">
        <Sidebar />
        <div className="chat-content">
          <Outlet />
        </div>
      </div>
    </ChatContext.Provider>
  );
}
