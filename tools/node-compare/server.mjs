// A chat server for the salon protocol's send path, written the way a competent Node.js developer
// would write one instead of adopting CleanChat: one event loop, `ws` for sockets, `better-sqlite3` for
// storage, and group commit. It is the yardstick of docs/performance.md, not part of the product.
//
// Subset served: staff and customer login, customer registration, staff creation by an admin, creating
// a chat and adding participants over REST; on the socket `join_chat`, `leave_chat`, `send_message`
// (answered by the `message` frame to every member, the sender's copy being its acknowledgement) and
// `ping`. Every message is committed (synchronous=FULL) before anyone hears of it.
//
//   node tools/node-compare/server.mjs --port 8100 --db /tmp/node-chat.db
import http from 'node:http';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) =>
  (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const port = Number(args.port ?? 8100);
const dbPath = args.db ?? 'node-chat.db';
const signingKey = process.env.JWT_KEY ?? crypto.randomBytes(32).toString('hex');
const MAX_BATCH = 256;
const BATCH_WAIT_MS = 2;
const MAX_CONTENT = 4000;
const MAX_FRAME = 64 * 1024;
const MAX_BUFFERED = 1024 * 1024;
const scrypt = promisify(crypto.scrypt);

// ---------------------------------------------------------------- storage
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec(`
  CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
    name TEXT NOT NULL, salon_id INTEGER NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS chats (id INTEGER PRIMARY KEY, salon_id INTEGER NOT NULL, title TEXT, last_seq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, last_message_at TEXT);
  CREATE TABLE IF NOT EXISTS participants (chat_id INTEGER NOT NULL, type TEXT NOT NULL, pid INTEGER NOT NULL,
    PRIMARY KEY (chat_id, type, pid)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, seq INTEGER NOT NULL,
    client_message_id TEXT, sender_type TEXT NOT NULL, sender_id INTEGER NOT NULL, message_type TEXT NOT NULL,
    content TEXT, created_at TEXT NOT NULL);
  CREATE UNIQUE INDEX IF NOT EXISTS ix_messages_chat_seq ON messages (chat_id, seq);
  CREATE UNIQUE INDEX IF NOT EXISTS ix_messages_client_id ON messages (sender_type, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
`);

const sql = {
  userByEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
  userById: db.prepare('SELECT * FROM users WHERE id = ?'),
  insertUser: db.prepare('INSERT INTO users (email, password_hash, name, salon_id, is_admin) VALUES (?, ?, ?, ?, ?)'),
  customerByPhone: db.prepare('SELECT * FROM customers WHERE phone = ?'),
  customerById: db.prepare('SELECT * FROM customers WHERE id = ?'),
  insertCustomer: db.prepare('INSERT INTO customers (phone, password_hash, name) VALUES (?, ?, ?)'),
  insertChat: db.prepare('INSERT INTO chats (salon_id, title, created_at) VALUES (?, ?, ?)'),
  chatById: db.prepare('SELECT * FROM chats WHERE id = ?'),
  addParticipant: db.prepare('INSERT OR IGNORE INTO participants (chat_id, type, pid) VALUES (?, ?, ?)'),
  isParticipant: db.prepare('SELECT 1 FROM participants WHERE chat_id = ? AND type = ? AND pid = ?').pluck(),
  lastMessageId: db.prepare('SELECT MAX(id) FROM messages WHERE chat_id = ?').pluck(),
  findRepeat: db.prepare('SELECT id, seq, created_at FROM messages WHERE sender_type = ? AND sender_id = ? AND client_message_id = ?'),
  nextSeq: db.prepare('UPDATE chats SET last_seq = last_seq + 1, last_message_at = ? WHERE id = ? RETURNING last_seq').pluck(),
  insertMessage: db.prepare(`INSERT INTO messages (chat_id, seq, client_message_id, sender_type, sender_id, message_type, content, created_at)
    VALUES (?, ?, ?, ?, ?, 'text', ?, ?) RETURNING id`).pluck(),
};

async function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `${salt.toString('hex')}:${hash.toString('hex')}`;
}

async function verifyPassword(password, stored) {
  const [salt, hash] = stored.split(':');
  const actual = await scrypt(password, Buffer.from(salt, 'hex'), 32);
  return crypto.timingSafeEqual(actual, Buffer.from(hash, 'hex'));
}

if (!sql.userByEmail.get('admin@salon.com'))
  sql.insertUser.run('admin@salon.com', await hashPassword('password'), 'Salon Admin', 1, 1);

// ---------------------------------------------------------------- tokens (HS256)
const b64url = (buffer) => Buffer.from(buffer).toString('base64url');
const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function issueToken(kind, id, salonId) {
  const payload = b64url(JSON.stringify({ sub: String(id), kind, salon_id: salonId ?? null, exp: Math.floor(Date.now() / 1000) + 3600 }));
  const signature = crypto.createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function readToken(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== header) return null;
  const expected = crypto.createHmac('sha256', signingKey).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  return claims.exp > Date.now() / 1000 ? { kind: claims.kind, id: Number(claims.sub), salonId: claims.salon_id } : null;
}

// ---------------------------------------------------------------- REST
function send(res, status, body) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const problem = (res, status, detail) => send(res, status, { status, title: http.STATUS_CODES[status], detail });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_FRAME) { reject(new Error('too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
        resolve(Object.fromEntries(new URLSearchParams(text)));
      else
        resolve(text ? JSON.parse(text) : {});
    });
    req.on('error', reject);
  });
}

function caller(req) {
  const auth = req.headers.authorization ?? '';
  return auth.startsWith('Bearer ') ? readToken(auth.slice(7)) : null;
}

const routes = {
  'GET /health': async (req, res) => send(res, 200, { status: 'ok' }),

  'POST /api/v1/auth/login': async (req, res, body) => {
    const user = sql.userByEmail.get(String(body.username ?? ''));
    if (!user || !(await verifyPassword(String(body.password ?? ''), user.password_hash))) return problem(res, 401, 'Wrong e-mail or password.');
    send(res, 200, { access_token: issueToken('user', user.id, user.salon_id), token_type: 'bearer' });
  },

  'POST /api/v1/customer-auth/register': async (req, res, body) => {
    if (typeof body.phone_number !== 'string' || typeof body.password !== 'string') return problem(res, 400, 'phone_number and password are required.');
    if (sql.customerByPhone.get(body.phone_number)) return problem(res, 409, 'Phone number already registered.');
    const { lastInsertRowid } = sql.insertCustomer.run(body.phone_number, await hashPassword(body.password), String(body.name ?? ''));
    send(res, 201, { id: Number(lastInsertRowid), phone_number: body.phone_number });
  },

  'POST /api/v1/customer-auth/login': async (req, res, body) => {
    const customer = sql.customerByPhone.get(String(body.phone_number ?? ''));
    if (!customer || !(await verifyPassword(String(body.password ?? ''), customer.password_hash))) return problem(res, 401, 'Wrong phone number or password.');
    send(res, 200, { access_token: issueToken('customer', customer.id), token_type: 'bearer' });
  },

  'POST /api/v1/staff': async (req, res, body, who) => {
    const admin = who?.kind === 'user' ? sql.userById.get(who.id) : null;
    if (!admin?.is_admin) return problem(res, 403, 'Only a salon admin may add staff.');
    if (typeof body.email !== 'string' || typeof body.password !== 'string') return problem(res, 400, 'email and password are required.');
    if (sql.userByEmail.get(body.email)) return problem(res, 409, 'E-mail already in use.');
    const { lastInsertRowid } = sql.insertUser.run(body.email, await hashPassword(body.password), String(body.name ?? ''), admin.salon_id, 0);
    send(res, 201, { id: Number(lastInsertRowid), email: body.email });
  },

  'POST /api/v1/chat/chats': async (req, res, body, who) => {
    if (who?.kind !== 'user') return problem(res, 403, 'Only staff start chats.');
    if (!Number.isInteger(body.customer_id) || !sql.customerById.get(body.customer_id)) return problem(res, 400, 'customer_id must name a customer.');
    const id = db.transaction(() => {
      const chatId = Number(sql.insertChat.run(who.salonId, body.title ?? null, new Date().toISOString()).lastInsertRowid);
      sql.addParticipant.run(chatId, 'user', who.id);
      sql.addParticipant.run(chatId, 'customer', body.customer_id);
      return chatId;
    })();
    send(res, 201, { id, title: body.title ?? null });
  },
};

async function addParticipant(req, res, body, who, chatId) {
  const chat = sql.chatById.get(chatId);
  if (!chat || who?.kind !== 'user' || chat.salon_id !== who.salonId || !sql.isParticipant.get(chatId, 'user', who.id)) return problem(res, 404, 'Chat not found.');
  const type = body.participant_type;
  const exists = type === 'user' ? sql.userById.get(body.participant_id) : type === 'customer' ? sql.customerById.get(body.participant_id) : null;
  if (!exists) return problem(res, 400, 'participant_type and participant_id must name a person.');
  sql.addParticipant.run(chatId, type, body.participant_id);
  send(res, 201, { chat_id: chatId, participant_type: type, participant_id: body.participant_id });
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    const body = req.method === 'POST' ? await readBody(req) : {};
    const who = caller(req);
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) return await route(req, res, body, who);
    const participants = req.method === 'POST' && url.pathname.match(/^\/api\/v1\/chat\/chats\/(\d+)\/participants$/);
    if (participants) return await addParticipant(req, res, body, who, Number(participants[1]));
    problem(res, 404, 'No such endpoint.');
  } catch (error) {
    if (!res.headersSent) problem(res, 400, 'The request could not be read.');
  }
});

// ---------------------------------------------------------------- sockets
const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
const rooms = new Map(); // chat id -> Set of sockets following it
const names = new Map(); // "type:id" -> display name

function nameOf(type, id) {
  const key = `${type}:${id}`;
  let name = names.get(key);
  if (name === undefined) {
    name = (type === 'user' ? sql.userById.get(id) : sql.customerById.get(id))?.name ?? '';
    names.set(key, name);
  }
  return name;
}

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  const kind = url.pathname === '/api/v1/chat/ws/chat/user' ? 'user' : url.pathname === '/api/v1/chat/ws/chat/customer' ? 'customer' : null;
  const who = readToken(url.searchParams.get('token'));
  if (!kind || !who || who.kind !== kind) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.who = who;
    ws.joined = new Set();
    ws.on('message', (data, isBinary) => onFrame(ws, data, isBinary));
    ws.on('close', () => { for (const chatId of ws.joined) leave(ws, chatId); });
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify({ type: 'connected', participant_type: who.kind, participant_id: who.id }));
  });
});

function leave(ws, chatId) {
  ws.joined.delete(chatId);
  const room = rooms.get(chatId);
  if (room) { room.delete(ws); if (room.size === 0) rooms.delete(chatId); }
}

const errorFrame = (ws, code, error, type) => ws.send(JSON.stringify({ type: 'error', code, error, request_type: type ?? null }));

function onFrame(ws, data, isBinary) {
  if (isBinary) return errorFrame(ws, 'binary_not_supported', 'Send JSON text frames.');
  let frame;
  try { frame = JSON.parse(data); } catch { return errorFrame(ws, 'invalid_frame', 'The frame is not JSON.'); }
  const chatId = frame?.chat_id;
  switch (frame?.type) {
    case 'ping':
      return ws.send(JSON.stringify({ type: 'pong', timestamp: new Date().toISOString() }));
    case 'join_chat':
      if (!Number.isInteger(chatId) || !sql.isParticipant.get(chatId, ws.who.kind, ws.who.id)) return errorFrame(ws, 'not_found', 'Chat not found.', frame.type);
      ws.joined.add(chatId);
      if (!rooms.has(chatId)) rooms.set(chatId, new Set());
      rooms.get(chatId).add(ws);
      return ws.send(JSON.stringify({ type: 'joined', chat_id: chatId, last_message_id: sql.lastMessageId.get(chatId) ?? null }));
    case 'leave_chat':
      leave(ws, chatId);
      return ws.send(JSON.stringify({ type: 'left', chat_id: chatId }));
    case 'send_message': {
      if (!ws.joined.has(chatId)) return errorFrame(ws, 'not_joined', 'Send join_chat first.', frame.type);
      const content = frame.content;
      if (typeof content !== 'string' || content.length === 0 || content.length > MAX_CONTENT) return errorFrame(ws, 'validation_failed', `content must be 1 to ${MAX_CONTENT} characters.`, frame.type);
      const clientMessageId = typeof frame.client_message_id === 'string' ? frame.client_message_id : null;
      return enqueue({ ws, chatId, content, clientMessageId });
    }
    default:
      return errorFrame(ws, 'unknown_type', `Unknown frame type '${frame?.type}'.`, frame?.type);
  }
}

// ---------------------------------------------------------------- group commit
let pending = [];
let flushTimer = null;

function enqueue(item) {
  pending.push(item);
  if (pending.length >= MAX_BATCH) { clearTimeout(flushTimer); flushTimer = null; flush(); }
  else if (!flushTimer) flushTimer = setTimeout(() => { flushTimer = null; flush(); }, BATCH_WAIT_MS);
}

const commitBatch = db.transaction((batch, now) => {
  for (const item of batch) {
    const { kind, id } = item.ws.who;
    const repeat = item.clientMessageId && sql.findRepeat.get(kind, id, item.clientMessageId);
    if (repeat) { Object.assign(item, { id: repeat.id, seq: repeat.seq, createdAt: repeat.created_at, duplicate: true }); continue; }
    item.seq = sql.nextSeq.get(now, item.chatId);
    item.id = sql.insertMessage.get(item.chatId, item.seq, item.clientMessageId, kind, id, item.content, now);
    item.createdAt = now;
  }
});

function flush() {
  const batch = pending;
  pending = [];
  try {
    commitBatch(batch, new Date().toISOString());
  } catch (error) {
    for (const item of batch) errorFrame(item.ws, 'internal_error', 'The message was not stored.', 'send_message');
    return;
  }

  const corked = new Set();
  const cork = (ws) => { if (!corked.has(ws)) { corked.add(ws); ws._socket.cork(); } };
  for (const item of batch) {
    const { kind, id } = item.ws.who;
    const frame = JSON.stringify({ type: 'message', chat_id: item.chatId, message: {
      id: item.id, chat_id: item.chatId, seq: item.seq, client_message_id: item.clientMessageId, sender_type: kind,
      sender_user_id: kind === 'user' ? id : null, sender_customer_id: kind === 'customer' ? id : null, sender_name: nameOf(kind, id),
      message_type: 'text', content: item.content, media_url: null, file_name: null, file_type: null, file_size: null,
      thumbnail_url: null, duration_ms: null, reply_to_message_id: null, entity_type: null, entity_id: null, entity_title: null,
      created_at: item.createdAt, edited_at: null, is_edited: false, is_deleted: false, deleted_at: null, read_receipts: [] } });
    const recipients = item.duplicate ? [item.ws] : rooms.get(item.chatId) ?? [];
    for (const ws of recipients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED) { ws.close(1013, 'Client is not reading fast enough'); continue; }
      cork(ws);
      ws.send(frame);
    }
  }
  for (const ws of corked) ws._socket.uncork();
}

server.listen(port, '127.0.0.1', () => console.log(`node chat server on http://127.0.0.1:${port}, database ${dbPath}`));
const stop = () => { server.close(); for (const ws of wss.clients) ws.terminate(); db.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
