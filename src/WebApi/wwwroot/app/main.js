import { Api } from './api.js';
import { ChatConnection } from './connection.js';
import { el } from './dom.js';
import { loadSession, saveSession, clearSession } from './session.js';
import { renderSignIn } from './signin.js';
import { ChatList } from './chat-list.js';
import { ChatView } from './chat-view.js';

// The app's one piece of state that outlives a view: who is signed in, the REST client and the socket.
const root = document.getElementById('app');
const statusBadge = document.getElementById('connection-status');
const signOutButton = document.getElementById('sign-out');

let session = loadSession();
let connection = null;
let expiryTimer = null;
const api = new Api(() => session?.token ?? null, () => signOut('Your session has ended. Please sign in again.'));

const STATUS_TEXT = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' };

function showStatus(status) {
  statusBadge.hidden = false;
  statusBadge.dataset.status = status;
  statusBadge.textContent = STATUS_TEXT[status] ?? status;
}

function signOut(notice) {
  connection?.stop();
  connection = null;
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

function startApp() {
  let view = null;
  signOutButton.hidden = false;
  // The token's own expiry sends the user back to sign-in even if nothing is being sent at that moment.
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(() => signOut('Your session has expired. Please sign in again.'), Math.max(0, session.expiresAt - Date.now()));

  connection = new ChatConnection({ kind: session.kind, token: () => session?.token ?? null });
  connection.addEventListener('status', event => {
    showStatus(event.detail);
    view?.onStatus(event.detail);
  });
  connection.addEventListener('unauthorized', () => signOut('Your session has expired. Please sign in again.'));
  showStatus('connecting');

  const listPane = el('section', { class: 'pane list-pane', 'aria-label': 'Chats' });
  const chatPane = el('section', { class: 'pane chat-pane', 'aria-label': 'Conversation' },
    el('p', { class: 'empty-state' }, 'Choose a chat to start.'));
  const layout = el('div', { class: 'layout' }, listPane, chatPane);
  root.replaceChildren(layout);

  const context = { api, connection, session, limits: null };
  const list = new ChatList(listPane, context, chat => {
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
    list.onFrame(event.detail);
    view?.onFrame(event.detail);
  });
  connection.start();
  list.load();
}

signOutButton.addEventListener('click', () => signOut());

if (session) startApp();
else renderSignIn(root, api, signedIn);
