import { ApiError, createApi, type TabApi } from './api.js';
import type { Host } from './host.js';

// The API as the App uses it: the host's sign-in on every call, and after a 401 (the token
// expired or was revoked early) one more try with a fresh token before the refusal shows.

export function signedApi(host: Pick<Host, 'signIn' | 'signInRefused' | 'locale'>, base = ''): TabApi {
  return retryOnceOn401(createApi(host.signIn, host.locale, base), host.signInRefused);
}

export function retryOnceOn401(api: TabApi, refused: () => void): TabApi {
  const once = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      refused();
      return call();
    }
  };
  return {
    get: (path, query) => once(() => api.get(path, query)),
    post: (path, body) => once(() => api.post(path, body)),
    download: (path, query) => once(() => api.download(path, query)),
  };
}
