// The REST client: JSON in and out, problem details (RFC 9457) turned into ApiError with the server's
// stable code. A 401 on a signed-in request asks the app for a fresh token once and repeats the request
// with it; when none comes, the app returns to sign-in.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.code = problem?.code ?? null;
    this.errors = problem?.errors ?? null;
    this.retryAfterSeconds = null;
  }
}

export class Api {
  /** @param {() => string|null} token  @param {() => Promise<boolean>} onUnauthorized resolves true when a fresh token is in place */
  constructor(token, onUnauthorized) {
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }

  async upload(file, name) {
    const form = new FormData();
    form.append('file', file, name ?? file.name);
    return this.request('POST', '/api/v1/chat/upload', form);
  }

  async request(method, path, body, retried = false) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }

    const response = await fetch(path, { method, headers, body: payload });
    if (response.status === 204) return null;
    const text = await response.text();
    const data = text ? safeJson(text) : null;
    if (response.ok) return data;

    const error = new ApiError(response.status, data);
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter && /^\d+$/.test(retryAfter)) error.retryAfterSeconds = Number(retryAfter);
    if (response.status === 401 && token && !retried && await this.onUnauthorized()) return this.request(method, path, body, true);
    throw error;
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}
