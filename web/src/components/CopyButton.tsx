import { useState } from 'react';

/** Copies a secret to the clipboard, saying so, since it is shown only once. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="button-ghost" onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  );
}
