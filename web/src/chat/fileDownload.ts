import { api } from '../api/browserClient.ts';
import { chatApi } from './chatApi.ts';
import type { FileView } from './types.ts';

/** Downloads an attachment with the access token (a plain link could not carry it) and saves it. */
export async function downloadFile(file: FileView): Promise<void> {
  const token = await api.freshAccessToken();
  const response = await fetch(chatApi.fileUrl(file.id), { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(response.status === 403 ? 'This file is not available to you.' : `Download failed (${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  URL.revokeObjectURL(url);
}
