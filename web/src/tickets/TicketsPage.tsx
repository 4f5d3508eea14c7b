import { Outlet } from 'react-router-dom';

/** The Tickets area: the desks the viewer may work at, and under a desk its panel. */
export function TicketsPage() {
  return (
    <div className="tickets" data-testid="page-tickets">
      <Outlet />
    </div>
  );
}
