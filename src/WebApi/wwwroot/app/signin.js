import { el } from './dom.js';
import { ApiError } from './api.js';
import { sessionFromToken } from './session.js';

/**
 * Sign-in for staff (email) and customers (phone). Calls onSignedIn(session) once a token is issued;
 * wrong credentials, the login rate limit (with its retry time) and validation errors are shown as such.
 */
export function renderSignIn(root, api, onSignedIn, notice) {
  let kind = 'user';
  const error = el('p', { class: 'form-error', role: 'alert', id: 'signin-error' });
  if (notice) error.textContent = notice;

  const identifier = el('input', { id: 'signin-identifier', name: 'identifier', type: 'email', autocomplete: 'username', required: true });
  const identifierLabel = el('label', { for: 'signin-identifier' }, 'Email');
  const password = el('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, minlength: 8 });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Sign in');

  const choose = chosen => {
    kind = chosen;
    identifierLabel.textContent = kind === 'user' ? 'Email' : 'Phone number';
    identifier.type = kind === 'user' ? 'email' : 'tel';
    identifier.placeholder = kind === 'user' ? 'you@salon.example' : '+15551234567';
    staffTab.setAttribute('aria-pressed', String(kind === 'user'));
    customerTab.setAttribute('aria-pressed', String(kind === 'customer'));
  };
  const staffTab = el('button', { type: 'button', class: 'toggle', 'aria-pressed': 'true', onclick: () => choose('user') }, 'Staff');
  const customerTab = el('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false', onclick: () => choose('customer') }, 'Customer');

  const form = el('form', { class: 'signin card', 'aria-labelledby': 'signin-title', novalidate: true },
    el('h1', { id: 'signin-title' }, 'Sign in to CleanChat'),
    el('div', { class: 'toggles', role: 'group', 'aria-label': 'I am' }, staffTab, customerTab),
    el('div', { class: 'field' }, identifierLabel, identifier),
    el('div', { class: 'field' }, el('label', { for: 'signin-password' }, 'Password'), password),
    error,
    submit);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    if (!identifier.value.trim() || !password.value) {
      error.textContent = 'Enter your ' + (kind === 'user' ? 'email' : 'phone number') + ' and password.';
      return;
    }
    submit.disabled = true;
    try {
      const answer = kind === 'user'
        ? await api.post('/api/v1/auth/login', { username: identifier.value.trim(), password: password.value })
        : await api.post('/api/v1/customer-auth/login', { phone_number: identifier.value.trim(), password: password.value });
      onSignedIn(sessionFromToken(answer.access_token, answer.refresh_token));
    } catch (failure) {
      error.textContent = describe(failure);
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  root.replaceChildren(form);
  choose('user');
  identifier.focus();
}

function describe(failure) {
  if (!(failure instanceof ApiError)) return 'The service cannot be reached. Check your connection and try again.';
  if (failure.status === 401) return 'Wrong email, phone number or password.';
  if (failure.status === 429) {
    const seconds = failure.retryAfterSeconds;
    return seconds ? `Too many attempts. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.` : 'Too many attempts. Try again later.';
  }
  if (failure.errors) return Object.values(failure.errors).flat().join(' ');
  return failure.message;
}
