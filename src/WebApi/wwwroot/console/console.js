// The protocol console: a token, an endpoint, a socket, and every frame in and out with its time.
// Frames are shown as text, never as markup.

const $ = id => document.getElementById(id);

// Every frame a client may send (docs/realtime.md); ids are placeholders to edit.
const TEMPLATES = {
  ping: { type: 'ping' },
  authenticate: { type: 'authenticate', token: 'a fresh access token of the same account' },
  join_chat: { type: 'join_chat', chat_id: 1 },
  'join_chat (resume after last_seq)': { type: 'join_chat', chat_id: 1, last_seq: 0 },
  leave_chat: { type: 'leave_chat', chat_id: 1 },
  send_message: { type: 'send_message', chat_id: 1, content: 'Hello from the console', message_type: 'text', client_message_id: null },
  'send_message (several files)': { type: 'send_message', chat_id: 1, message_type: 'file', attachments: ['/uploads/chat/…', '/uploads/chat/…'], content: 'Caption', client_message_id: null },
  'send_message (about an appointment)': { type: 'send_message', chat_id: 1, content: 'About your booking', entity_type: 'appointment', entity_id: 42, entity_title: 'Haircut on Friday', client_message_id: null },
  typing: { type: 'typing', chat_id: 1, is_typing: true },
  read_message: { type: 'read_message', chat_id: 1, message_id: 1 },
};

let socket = null;

function setStatus(text, status) {
  $('console-status').textContent = text;
  $('console-status').dataset.status = status;
}

function log(direction, text, kind) {
  const item = document.createElement('li');
  item.className = kind;
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toISOString().slice(11, 23);
  const dir = document.createElement('span');
  dir.className = 'dir';
  dir.textContent = direction;
  item.append(time, dir, document.createTextNode(text));
  $('log').append(item);
  item.scrollIntoView({ block: 'nearest' });
}

function pretty(data) {
  try {
    return JSON.stringify(JSON.parse(data));
  } catch {
    return String(data);
  }
}

function fillTemplate() {
  const template = structuredClone(TEMPLATES[$('template').value]);
  if ('client_message_id' in template) template.client_message_id = crypto.randomUUID();
  $('frame').value = JSON.stringify(template, null, 2);
}

function connected(open) {
  $('connect').disabled = open;
  $('disconnect').disabled = !open;
  $('send').disabled = !open;
}

function connect() {
  $('console-error').textContent = '';
  const token = $('token').value.trim();
  if (!token) {
    $('console-error').textContent = 'Paste a token or get one first.';
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/api/v1/chat/ws/chat/${$('endpoint').value}`;
  setStatus('Connecting…', 'connecting');
  log('•', `connecting to ${url}`, 'event');
  const ws = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
  socket = ws;
  ws.addEventListener('open', () => {
    setStatus('Connected', 'connected');
    log('•', 'open', 'event');
    connected(true);
  });
  ws.addEventListener('message', event => log('←', pretty(event.data), 'in'));
  ws.addEventListener('error', () => log('•', 'socket error (see the close that follows)', 'event'));
  ws.addEventListener('close', event => {
    log('•', `closed: code ${event.code}${event.reason ? `, reason "${event.reason}"` : ''}${event.wasClean ? '' : ' (not clean)'}`, 'event');
    setStatus(`Closed (${event.code})`, 'offline');
    if (socket === ws) socket = null;
    connected(false);
  });
}

function send() {
  const text = $('frame').value;
  try {
    JSON.parse(text);
  } catch (error) {
    $('console-error').textContent = `Not JSON: ${error.message}. It is sent anyway, to see the server's answer.`;
  }
  if (socket?.readyState !== WebSocket.OPEN) return;
  const compact = pretty(text);
  socket.send(compact);
  log('→', compact, 'out');
  if ($('template').value.startsWith('send_message')) fillTemplate();
}

async function getToken(event) {
  event.preventDefault();
  $('console-error').textContent = '';
  const kind = $('login-kind').value;
  const identifier = $('login-identifier').value.trim();
  const password = $('login-password').value;
  const request = kind === 'user'
    ? { path: '/api/v1/auth/login', body: { username: identifier, password } }
    : { path: '/api/v1/customer-auth/login', body: { phone_number: identifier, password } };
  try {
    const response = await fetch(request.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request.body) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const retry = response.headers.get('Retry-After');
      $('console-error').textContent = `${response.status}: ${body.detail ?? body.title ?? 'login failed'}${retry ? ` (retry in ${retry} s)` : ''}`;
      return;
    }
    $('token').value = body.access_token;
    $('endpoint').value = kind;
    log('•', `token obtained for ${kind === 'user' ? 'staff' : 'customer'} ${identifier}, expires in ${body.expires_in} s`, 'event');
  } catch (error) {
    $('console-error').textContent = `The service cannot be reached: ${error.message}`;
  }
}

for (const name of Object.keys(TEMPLATES)) {
  const option = document.createElement('option');
  option.value = name;
  option.textContent = name;
  $('template').append(option);
}
$('template').addEventListener('change', fillTemplate);
$('connect').addEventListener('click', connect);
$('disconnect').addEventListener('click', () => socket?.close(1000, 'Closed from the console'));
$('send').addEventListener('click', send);
$('clear-log').addEventListener('click', () => $('log').replaceChildren());
$('login-form').addEventListener('submit', getToken);
fillTemplate();
