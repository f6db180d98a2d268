import { Api } from './api.js';
import { ChatConnection } from './connection.js';
import { el } from './dom.js';
import { loadSession, saveSession, clearSession, sessionFromToken } from './session.js';
import { renderSignIn } from './signin.js';
import { ChatList } from './chat-list.js';
import { ChatView } from './chat-view.js';
import { Notifier } from './notifications.js';

// The app's one piece of state that outlives a view: who is signed in, the REST client and the socket.
const root = document.getElementById('app');
const statusBadge = document.getElementById('connection-status');
const signOutButton = document.getElementById('sign-out');
const notificationsButton = document.getElementById('notifications');

// A minute before the access token ends (a quarter of its life, if that is shorter) the app exchanges
// its refresh token; the server rotates it.
const REFRESH_LEAD_MS = 60_000;
const refreshLead = () => Math.min(REFRESH_LEAD_MS, Math.max(0, session.expiresAt - (session.issuedAt ?? session.expiresAt)) / 4);

let session = loadSession();
let connection = null;
let expiryTimer = null;
let refreshing = null;
let notifier = null;
const api = new Api(() => session?.token ?? null, async () => {
  if (await refreshTokens()) return true;
  signOut('Your session has ended. Please sign in again.');
  return false;
});

const STATUS_TEXT = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' };

function showStatus(status) {
  statusBadge.hidden = false;
  statusBadge.dataset.status = status;
  statusBadge.textContent = STATUS_TEXT[status] ?? status;
}

/**
 * Exchanges the refresh token for fresh tokens, once at a time (a second exchange of the same token
 * would revoke the login), and hands the open socket the new access token. Resolves false when the
 * login is over.
 */
function refreshTokens() {
  if (!session?.refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    const path = session.kind === 'customer' ? '/api/v1/customer-auth/refresh' : '/api/v1/auth/refresh';
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: session.refreshToken }),
      });
      if (!response.ok) return false;
      const answer = await response.json();
      session = sessionFromToken(answer.access_token, answer.refresh_token);
      saveSession(session);
      connection?.reauthenticate(session.token);
      scheduleExpiry();
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// With a refresh token the access token is renewed shortly before its end; without one (or when the
// renewal fails) its end sends the user back to sign-in even if nothing is being sent at that moment.
function scheduleExpiry() {
  clearTimeout(expiryTimer);
  const untilEnd = session.expiresAt - Date.now();
  expiryTimer = session.refreshToken
    ? setTimeout(async () => { if (!await refreshTokens()) signOut('Your session has expired. Please sign in again.'); }, Math.max(0, untilEnd - refreshLead()))
    : setTimeout(() => signOut('Your session has expired. Please sign in again.'), Math.max(0, untilEnd));
}

function signOut(notice) {
  // The login's refresh tokens are revoked on the server too; nothing waits for the answer.
  if (session?.refreshToken) {
    fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: session.refreshToken }) })
      .catch(() => {});
  }
  connection?.stop();
  connection = null;
  if (session) notifier?.unsubscribePush(session.token);
  notifier?.dispose();
  notifier = null;
  clearTimeout(expiryTimer);
  session = null;
  clearSession();
  statusBadge.hidden = true;
  signOutButton.hidden = true;
  renderSignIn(root, api, signedIn, notice);
}

function signedIn(newSession) {
  session = newSession;
  saveSession(session);
  startApp();
}

async function startApp() {
  let view = null;
  signOutButton.hidden = false;

  // A tab reopened after its access token ended renews it before anything else.
  if (session.expiresAt - Date.now() <= refreshLead() && !await refreshTokens()) {
    signOut('Your session has expired. Please sign in again.');
    return;
  }
  scheduleExpiry();

  connection = new ChatConnection({ kind: session.kind, token: () => session?.token ?? null });
  connection.addEventListener('status', event => {
    showStatus(event.detail);
    view?.onStatus(event.detail);
  });
  // The socket's token ran out (a tab asleep past the renewal): renew it and connect again.
  connection.addEventListener('unauthorized', async () => {
    if (await refreshTokens()) connection?.reconnectNow();
    else signOut('Your session has expired. Please sign in again.');
  });
  showStatus('connecting');

  const listPane = el('section', { class: 'pane list-pane', 'aria-label': 'Chats' });
  const chatPane = el('section', { class: 'pane chat-pane', 'aria-label': 'Conversation' },
    el('p', { class: 'empty-state' }, 'Choose a chat to start.'));
  const layout = el('div', { class: 'layout' }, listPane, chatPane);
  root.replaceChildren(layout);

  let list = null;
  notifier = new Notifier(notificationsButton, api, chatId => list?.open(chatId));
  const context = { api, connection, session, limits: null, onUnread: total => notifier?.setUnread(total) };
  list = new ChatList(listPane, context, chat => {
    view?.dispose();
    view = new ChatView(chatPane, context, chat, list, () => {
      view?.dispose();
      view = null;
      layout.classList.remove('chat-open');
      chatPane.replaceChildren(el('p', { class: 'empty-state' }, 'Choose a chat to start.'));
      list.focusSelected();
    });
    layout.classList.add('chat-open');
  });
  connection.addEventListener('frame', event => {
    const frame = event.detail;
    if (list.onFrame(frame)) notifier?.notify(frame.message, list.titleOf(frame.chat_id));
    view?.onFrame(frame);
  });
  connection.start();

  // Opened from a push notification: /?chat=ID opens that chat once the list is there.
  const fromNotification = Number(new URLSearchParams(location.search).get('chat'));
  list.load().then(() => {
    if (fromNotification) {
      history.replaceState(null, '', location.pathname);
      list.open(fromNotification);
    }
  });
}

signOutButton.addEventListener('click', () => signOut());

if (session) startApp();
else renderSignIn(root, api, signedIn);
