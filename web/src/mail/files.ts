import { api } from '../api/browserClient.ts';
import type { OutgoingAttachment } from './types.ts';

/**
 * Downloads an API resource with the access token (a plain link could not carry it) and saves it
 * under `filename`. The server sends attachments as `Content-Disposition: attachment` with nosniff.
 * `token` is the Parley session's unless the caller goes as someone else (a Triage dashboard user).
 */
export async function downloadWithToken(url: string, filename: string, token: () => Promise<string> = () => api.freshAccessToken()): Promise<void> {
  const bearer = await token();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } });
  if (!response.ok) {
    throw new Error(response.status === 403 || response.status === 404 ? 'This file is not available to you.' : `Download failed (${response.status}).`);
  }
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = filename;
  link.click();
  // Let the click start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 1000);
}

/** A chosen file as the send API wants it: name, type and the bytes in base64. */
export function readAttachment(file: File): Promise<OutgoingAttachment> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.onload = () => {
      // A data URL: "data:<type>;base64,<bytes>".
      const url = String(reader.result);
      resolve({
        filename: file.name,
        content_type: file.type || 'application/octet-stream',
        content_base64: url.slice(url.indexOf(',') + 1),
      });
    };
    reader.readAsDataURL(file);
  });
}

/** A byte count for people: 1.2 MB, 340 KB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Splits "a@x.org, B <b@y.org>; c@z.org" into addresses as typed (the server parses names). */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
