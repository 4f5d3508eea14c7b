import type { Domain } from './types.ts';

/** How far a domain's DNS setup is: verified, or how many of its records were found. */
export function VerificationBadge({ domain }: { domain: Domain }) {
  const flags = [domain.mx_verified, domain.spf_verified, domain.dkim_verified, domain.dmarc_verified];
  const found = flags.filter(Boolean).length;
  const verified = found === flags.length;
  return (
    <span className={verified ? 'badge badge-on' : 'badge badge-off'} data-testid="mail-domain-status" data-verified={verified}>
      {verified ? 'Verified' : `Unverified (${found} of ${flags.length} records)`}
    </span>
  );
}
