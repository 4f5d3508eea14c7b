const good = new Set(['sent', 'delivered']);
const bad = new Set(['bounced', 'complained', 'failed']);

/** An outbound message's delivery status as a badge: green when it left or arrived, red when it did not. */
export function DeliveryBadge({ status }: { status: string }) {
  const tone = good.has(status) ? 'badge badge-on' : bad.has(status) ? 'badge badge-off' : 'badge';
  return (
    <span className={tone} data-testid="mail-delivery-status" data-status={status}>
      {status}
    </span>
  );
}
