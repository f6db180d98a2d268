// The signed-in user, kept for this tab only (sessionStorage): closing the tab signs out, and another
// tab signs in on its own (its own refresh token: two tabs never exchange the same one, which the server
// would take for a stolen copy).

const KEY = 'cleanchat.session';

/** Reads the claims of a JWT without checking it: the server checks; the app only needs who and until when. */
function claimsOf(token) {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, c => c.charCodeAt(0))));
}

export function sessionFromToken(token, refreshToken = null) {
  const claims = claimsOf(token);
  return {
    token,
    refreshToken,
    kind: claims.ptype === 'customer' ? 'customer' : 'user',
    participantId: Number(claims.sub),
    name: claims.name ?? '',
    role: claims.role ?? null,
    salonId: claims.salon_id ? Number(claims.salon_id) : null,
    issuedAt: (claims.iat ?? claims.nbf ?? claims.exp) * 1000,
    expiresAt: claims.exp * 1000,
  };
}

export function loadSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return stored && (stored.expiresAt > Date.now() || stored.refreshToken) ? stored : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}
