import { ApiError } from './api';
import { byId, h } from './dom';

/**
 * Shows an error in the banner at the top (role="alert", so screen readers announce it).
 * A string is a message for the user; anything but an ApiError or a string is a bug and is also logged.
 */
export function showError(error: unknown, action: string): void {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const banner = byId('error-banner');
  const text = byId('error-text');
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details : [];
  text.replaceChildren(
    h('strong', {}, `${action} failed. `),
    message,
    ...(details.length > 0 ? [h('ul', {}, ...details.slice(0, 20).map((d) => h('li', {}, d)))] : []),
  );
  banner.dataset.action = action;
  banner.hidden = false;
  if (!(error instanceof ApiError) && typeof error !== 'string') console.error(error);
}

/**
 * Hides the banner if it shows the error of one of these actions. A success clears only its own kind of error: a
 * background refresh that succeeds must not hide an upload's problem the user has not read yet.
 */
export function clearError(...actions: string[]): void {
  const banner = byId('error-banner');
  if (actions.includes(banner.dataset.action ?? '')) banner.hidden = true;
}

export function wireErrorBanner(): void {
  byId('error-dismiss').addEventListener('click', () => { byId('error-banner').hidden = true; });
}
