import { useState } from 'react';
import type { DnsRecord } from './types.ts';

const purposes: Record<string, string> = {
  mx: 'Receiving (MX)',
  spf: 'Sender policy (SPF)',
  dkim: 'Signing key (DKIM)',
  dmarc: 'Policy (DMARC)',
};

/** The records a domain's owner publishes, each with a copy button and whether DNS shows it yet. */
export function DnsRecordsTable({ records }: { records: DnsRecord[] }) {
  if (records.length === 0) return <p className="muted">The server listed no records for this domain.</p>;
  return (
    <div className="table-wrap">
      <table className="mail-dns" data-testid="mail-dns-records">
        <thead>
          <tr>
            <th scope="col">Purpose</th>
            <th scope="col">Type</th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={`${record.purpose}-${record.type}-${record.name}`} data-testid="mail-dns-record" data-purpose={record.purpose} data-verified={record.verified}>
              <th scope="row">{purposes[record.purpose] ?? record.purpose}</th>
              <td>
                <code>{record.type}</code>
              </td>
              <td>
                <code className="mail-dns-name" data-testid="mail-dns-name">
                  {record.name}
                </code>
              </td>
              <td>
                <code className="mail-dns-value" data-testid="mail-dns-value">
                  {record.value}
                </code>{' '}
                <CopyValue text={record.value} label={`Copy the ${record.purpose.toUpperCase()} record value`} />
              </td>
              <td>
                <span className={record.verified ? 'badge badge-on' : 'badge badge-off'} data-testid="mail-dns-status">
                  {record.verified ? 'Verified' : 'Not found'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CopyValue({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button-ghost mail-copy"
      aria-label={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
