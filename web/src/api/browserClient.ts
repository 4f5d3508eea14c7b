import { ApiClient, type TokenStore } from './ApiClient.ts';

/** The localStorage key of the refresh token; other tabs watch it to follow sign-outs. */
export const refreshTokenKey = 'parley.refresh_token';

const localStorageTokens: TokenStore = {
  get: () => {
    try {
      return window.localStorage.getItem(refreshTokenKey);
    } catch {
      return null;
    }
  },
  set: (token) => {
    try {
      if (token === null) window.localStorage.removeItem(refreshTokenKey);
      else window.localStorage.setItem(refreshTokenKey, token);
    } catch {
      // Storage disabled (private mode): the session just won't survive a reload.
    }
  },
};

function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('parley.refresh', work) : work();
}

export const api = new ApiClient({ refreshTokens: localStorageTokens, exclusive: acrossTabs });
