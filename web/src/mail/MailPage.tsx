import { useCallback, useMemo, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { MailContext, type MailServices } from './MailContext.ts';
import { MailSidebar } from './MailSidebar.tsx';

/** The Mail area: its sidebar (places and inboxes) beside the routed content. */
export function MailPage() {
  const [structureVersion, setStructureVersion] = useState(0);
  const structureChanged = useCallback(() => setStructureVersion((n) => n + 1), []);
  const services = useMemo<MailServices>(() => ({ structureVersion, structureChanged }), [structureVersion, structureChanged]);
  return (
    <MailContext.Provider value={services}>
      <div className="mail" data-testid="page-mail">
        <MailSidebar />
        <div className="mail-content">
          <Outlet />
        </div>
      </div>
    </MailContext.Provider>
  );
}
